package io.jpod.core.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
  @Test
  void defaultsAreThoseOfPodmansConfigJson() {
    assertThat(MountOptions.complete(List.of(), "volume")).containsExactly("rw", "rprivate", "nosuid", "nodev", "rbind");
    assertThat(MountOptions.complete(List.of("rprivate", "rw", "nodev", "exec"), "volume"))
        .containsExactly("rprivate", "rw", "nodev", "exec", "nosuid", "rbind");
    assertThat(MountOptions.complete(List.of("ro"), "bind")).containsExactly("ro", "rprivate", "rbind");
    assertThat(MountOptions.complete(List.of("rshared"), "bind")).containsExactly("rshared", "rw", "rbind");
    assertThat(MountOptions.complete(List.of(), "tmpfs")).containsExactly("rw", "rprivate", "nosuid", "nodev", "tmpcopyup");
  }

  @Test
  void bindsTakeTheSourceFilesystemsFlags() {
    assertThat(MountOptions.withHostFlags(List.of("rw", "rprivate", "rbind"), List.of("nodev", "nosuid")))
        .containsExactly("rw", "rprivate", "nosuid", "nodev", "rbind");
    assertThat(MountOptions.withHostFlags(List.of("dev", "rw", "rprivate", "rbind"), List.of("nodev", "noexec")))
        .containsExactly("dev", "rw", "rprivate", "noexec", "rbind");
  }

  @Test
  void inspectViews() {
    List<String> opts = List.of("ro", "Z", "U", "rslave", "nosuid", "nodev", "rbind");
    assertThat(MountOptions.oci(opts)).containsExactly("ro", "rslave", "nosuid", "nodev", "rbind");
    assertThat(MountOptions.inspectOptions(opts)).containsExactly("nosuid", "nodev", "rbind");
    assertThat(MountOptions.propagation(opts)).isEqualTo("rslave");
    assertThat(MountOptions.propagation(List.of("rw"))).isEqualTo("rprivate");
    assertThat(MountOptions.mode(opts)).isEqualTo("Z");
    assertThat(MountOptions.readOnly(opts)).isTrue();
  }
}
