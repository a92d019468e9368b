package io.jpod.core.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CgroupFlagsTest {
  @Test
  void cgroupsModes() {
    assertThat(CgroupFlags.cgroupsMode(null, "enabled", "runc")).isEqualTo("enabled");
    assertThat(CgroupFlags.cgroupsMode("split", "enabled", "runc")).isEqualTo("split");
    assertThat(CgroupFlags.cgroupsMode("disabled", "enabled", "crun")).isEqualTo("disabled");
    assertThatThrownBy(() -> CgroupFlags.cgroupsMode("disabled", "enabled", "runc"))
        .hasMessage("requested OCI runtime runc is not compatible with NoCgroups: invalid argument");
    assertThatThrownBy(() -> CgroupFlags.cgroupsMode("bogus", "enabled", "runc"))
        .hasMessage("running container create option: invalid cgroup mode \"bogus\": invalid argument");
  }

  @Test
  void cgroupnsAndParent() {
    assertThat(CgroupFlags.cgroupnsMode(null)).isEmpty();
    assertThat(CgroupFlags.cgroupnsMode("ns:/proc/1/ns/cgroup")).isEqualTo("ns:/proc/1/ns/cgroup");
    assertThatThrownBy(() -> CgroupFlags.cgroupnsMode("bogus")).hasMessage("unrecognized namespace mode bogus passed");
    assertThat(CgroupFlags.privateNamespace("", true)).isTrue();
    assertThat(CgroupFlags.privateNamespace("", false)).isFalse();
    assertThat(CgroupFlags.privateNamespace("private", false)).isTrue();
    assertThat(CgroupFlags.cgroupParent(null, "/libpod_parent")).isEqualTo("/libpod_parent");
    assertThat(CgroupFlags.cgroupParent("/mine", "/libpod_parent")).isEqualTo("/mine");
  }
}
