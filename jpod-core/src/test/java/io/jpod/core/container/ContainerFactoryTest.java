package io.jpod.core.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import io.jpod.sys.Rlimits;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerFactoryTest {
  @Test
  void envLayersReplaceKeysInPlaceAndAddPodmanDefaults() {
    List<String> env = ContainerFactory.mergeEnv(
        List.of("PATH=/bin", "TERM=xterm"), List.of("PATH=/usr/bin", "A=1"), List.of("A=2", "B="), false);
    assertThat(env).containsExactly("PATH=/usr/bin", "TERM=xterm", "A=2", "B=", "container=podman");
    assertThatThrownBy(() -> ContainerFactory.mergeEnv(List.of(), List.of(), List.of("=x"), false))
        .isInstanceOf(JpodException.class);
  }

  @Test
  void aMissingPathIsPodmansDefaultAndWildcardsTakeHostVariables() {
    List<String> env = ContainerFactory.mergeEnv(List.of("FOO=bar"), List.of(), List.of(), false);
    assertThat(env).contains("FOO=bar", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    String anyHostVar = System.getenv().keySet().iterator().next();
    List<String> wild = ContainerFactory.mergeEnv(List.of(), List.of(), List.of(anyHostVar.substring(0, 1) + "*"), false);
    assertThat(wild).contains(anyHostVar + "=" + System.getenv(anyHostVar));
  }

  @Test
  void capabilitiesAddDropAndAll() {
    List<String> defaults = List.of("CHOWN", "KILL", "NET_BIND_SERVICE");
    assertThat(ContainerFactory.capabilities(defaults, List.of("net_admin"), List.of("kill")))
        .containsExactly("CAP_CHOWN", "CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE");
    assertThat(ContainerFactory.capabilities(defaults, List.of("CAP_SYS_ADMIN"), List.of("ALL")))
        .containsExactly("CAP_SYS_ADMIN");
    assertThatThrownBy(() -> ContainerFactory.capabilities(defaults, List.of("BOGUS"), List.of()))
        .isInstanceOf(JpodException.class).hasMessageContaining("unknown capability");
  }

  @Test
  void podmanDefaultRlimitsAreClampedToTheHost() {
    long hostNofile = Rlimits.get("nofile").hard();
    var limits = ContainerFactory.rlimits(List.of(), List.of());
    var nofile = limits.stream().filter(r -> r.type().equals("RLIMIT_NOFILE")).findFirst().orElseThrow();
    if (hostNofile >= 0) {
      assertThat(nofile.hard()).isLessThanOrEqualTo(hostNofile);
    }
    assertThat(nofile.soft()).isLessThanOrEqualTo(nofile.hard());
    var nproc = limits.stream().filter(r -> r.type().equals("RLIMIT_NPROC")).findFirst().orElseThrow();
    assertThat(nproc.hard()).isGreaterThan(300);
  }

  @Test
  void userUlimitsOverrideAndAreValidated() {
    var limits = ContainerFactory.rlimits(List.of("nofile=512:1024"), List.of());
    assertThat(limits).contains(new ContainerConfig.Rlimit("RLIMIT_NOFILE", 512, 1024));
    assertThatThrownBy(() -> ContainerFactory.rlimits(List.of("nofile=2048:1024"), List.of()))
        .isInstanceOf(JpodException.class);
    assertThatThrownBy(() -> ContainerFactory.rlimits(List.of("bogus=1"), List.of()))
        .isInstanceOf(JpodException.class);
  }

  @Test
  void statusNamesMatchPodman() {
    assertThat(ContainerStatus.CONFIGURED.cliName()).isEqualTo("created");
    assertThat(ContainerStatus.CREATED.cliName()).isEqualTo("initialized");
    assertThat(ContainerStatus.ofCode(6)).isEqualTo(ContainerStatus.EXITED);
    assertThat(ContainerStatus.PAUSED.isAlive()).isTrue();
    assertThat(ContainerStatus.STOPPED.isAlive()).isFalse();
  }
}
