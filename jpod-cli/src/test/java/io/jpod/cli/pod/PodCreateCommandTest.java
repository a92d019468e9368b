package io.jpod.cli.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import io.jpod.core.pod.PodSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parsing only: pod create's flags become the pod spec podman would build. */
class PodCreateCommandTest {
  private static PodSpec parse(String... args) {
    PodCreateCommand cmd = new PodCreateCommand(null);
    new CommandLine(cmd).parseArgs(args);
    return cmd.toSpec(List.of("jpod", "pod", "create"), "", "/pause");
  }

  @Test
  void defaultsShareIpcNetUtsWithAnInfraContainer() {
    PodSpec s = parse("--name", "p1");
    assertThat(s.name()).contains("p1");
    assertThat(s.infra()).isTrue();
    assertThat(s.sharedNamespaces()).containsExactly("ipc", "net", "uts");
    assertThat(s.infraImage()).isEmpty();
    assertThat(s.exitPolicy()).isEqualTo("continue");
  }

  @Test
  void flagsReachTheSpec() {
    PodSpec s = parse("-p", "8080:80", "--network", "bridge", "--share", "+pid", "--hostname", "h",
        "--label", "a=b", "-l", "c", "--infra-command", "/catatonit -P", "--infra-name", "inf", "--dns", "1.1.1.1",
        "--add-host", "x:10.0.0.1");
    assertThat(s.network().publish()).containsExactly("8080:80");
    assertThat(s.network().network()).contains("bridge");
    assertThat(s.network().dns()).containsExactly("1.1.1.1");
    assertThat(s.network().addHosts()).containsExactly("x:10.0.0.1");
    assertThat(s.sharedNamespaces()).containsExactly("ipc", "net", "pid", "uts");
    assertThat(s.hostname()).contains("h");
    assertThat(s.labels()).containsEntry("a", "b").containsEntry("c", "");
    assertThat(s.infraCommand()).contains("/catatonit -P");
    assertThat(s.infraName()).contains("inf");
  }

  @Test
  void infraFalseSharesNothingAndRefusesInfraSettings() {
    assertThat(parse("--infra=false").sharedNamespaces()).isEmpty();
    assertThatThrownBy(() -> parse("--infra=false", "--infra-image", "x")).isInstanceOf(JpodException.class);
    assertThatThrownBy(() -> parse("--infra=false", "--share", "net")).isInstanceOf(JpodException.class);
  }

  @Test
  void badShareIsRefused() {
    assertThatThrownBy(() -> parse("--share", "mnt").sharedNamespaces())
        .isInstanceOf(JpodException.class).hasMessageContaining("Invalid kernel namespace to share: mnt");
    assertThat(parse("--share", "none").sharedNamespaces()).isEmpty();
    assertThat(parse("--share", "net,ipc").sharedNamespaces()).containsExactly("ipc", "net");
  }
}
