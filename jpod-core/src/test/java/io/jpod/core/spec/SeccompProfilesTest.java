package io.jpod.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpod.common.JpodException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompProfilesTest {
  @TempDir Path tmp;

  private static int names(RuntimeSpec.Seccomp s) {
    return s.syscalls().stream().mapToInt(r -> r.names().size()).sum();
  }

  @Test
  void defaultProfileWithDefaultCapsOnX86() {
    assumeTrue(Files.exists(SeccompProfiles.DEFAULT_PROFILE), "no /usr/share/containers/seccomp.json");
    var s = SeccompProfiles.load(SeccompProfiles.DEFAULT_PROFILE, SpecFixtures.CAPS, "x86_64");
    assertThat(s.defaultAction()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(s.defaultErrnoRet()).isEqualTo(38);
    assertThat(s.architectures()).containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32");
    assertThat(s.syscalls()).hasSize(22);
    assertThat(names(s)).isEqualTo(437);
    assertThat(s.syscalls().get(0).action()).isEqualTo("SCMP_ACT_ERRNO");
    assertThat(s.syscalls().get(0).errnoRet()).isEqualTo(1);
    assertThat(s.syscalls().get(0).names()).hasSize(28);
    assertThat(s.syscalls().get(1).names()).hasSize(374);
    var personality = s.syscalls().stream().filter(r -> r.names().equals(List.of("personality")))
        .map(r -> r.args().get(0).value()).toList();
    assertThat(personality).containsExactly(0L, 8L, 0x20000L, 0x20008L, 0xffffffffL);
    var netlink = s.syscalls().stream().filter(r -> r.errnoRet() != null && r.errnoRet() == 22).findFirst();
    assertThat(netlink).hasValueSatisfying(r -> assertThat(r.args()).hasSize(2));
    assertThat(new String(SpecWriter.toJson(new RuntimeSpec(null, null, null, null, null, null,
        new RuntimeSpec.Linux(null, null, null, null, s, null, null))))).doesNotContain("valueTwo");
    // chroot is allowed (CAP_SYS_CHROOT) rather than denied
    assertThat(s.syscalls()).anyMatch(r -> r.names().equals(List.of("chroot")) && r.action().equals("SCMP_ACT_ALLOW"));
  }

  @Test
  void extraCapsSwapDenyForAllowAndArm64ChangesArches() {
    assumeTrue(Files.exists(SeccompProfiles.DEFAULT_PROFILE), "no /usr/share/containers/seccomp.json");
    var caps = new ArrayList<>(SpecFixtures.CAPS);
    caps.add("CAP_SYS_ADMIN");
    caps.add("CAP_AUDIT_WRITE");
    var s = SeccompProfiles.load(SeccompProfiles.DEFAULT_PROFILE, caps, "amd64");
    assertThat(s.syscalls()).anyMatch(r -> r.names().contains("bpf") && r.action().equals("SCMP_ACT_ALLOW"));
    assertThat(s.syscalls()).noneMatch(r -> r.names().contains("bpf") && r.action().equals("SCMP_ACT_ERRNO"));
    assertThat(s.syscalls()).anyMatch(r -> r.names().equals(List.of("socket")) && r.args().isEmpty());
    var arm = SeccompProfiles.load(SeccompProfiles.DEFAULT_PROFILE, SpecFixtures.CAPS, "aarch64");
    assertThat(arm.architectures()).containsExactly("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM");
    assertThat(arm.syscalls()).noneMatch(r -> r.names().contains("arch_prctl"));
    assertThat(arm.syscalls()).anyMatch(r -> r.names().contains("arm_fadvise64_64"));
  }

  @Test
  void minKernelRulesAreDroppedOnOlderKernels() throws Exception {
    Path p = tmp.resolve("p.json");
    Files.writeString(p, """
        {"defaultAction":"SCMP_ACT_ERRNO","architectures":["SCMP_ARCH_X86_64"],"syscalls":[
          {"names":["a"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"5.8"}},
          {"names":["b"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8"}},
          {"name":"c","action":"SCMP_ACT_ERRNO","errnoRet":1,"excludes":{"arches":["amd64"]}}]}
        """);
    var old = SeccompProfiles.load(p, List.of(), "x86_64", "5.4.0-100-generic");
    assertThat(old.syscalls()).extracting(RuntimeSpec.SyscallRule::names).containsExactly(List.of("b"));
    assertThat(old.architectures()).containsExactly("SCMP_ARCH_X86_64");
    assertThat(old.defaultErrnoRet()).isNull();
    var recent = SeccompProfiles.load(p, List.of(), "x86_64", "6.18.44-fc");
    assertThat(recent.syscalls()).hasSize(2);
    var arm = SeccompProfiles.load(p, List.of(), "arm64", "6.1");
    assertThat(arm.syscalls()).extracting(RuntimeSpec.SyscallRule::names).contains(List.of("c"));
  }

  @Test
  void unconfinedMissingAndDefault() {
    assertThat(SeccompProfiles.forContainer("unconfined", Path.of("/nope"), List.of(), "x86_64")).isNull();
    assertThatThrownBy(() -> SeccompProfiles.forContainer("", tmp.resolve("missing.json"), List.of(), "x86_64"))
        .isInstanceOf(JpodException.class)
        .hasMessage("opening seccomp profile failed: open " + tmp.resolve("missing.json")
            + ": no such file or directory");
  }
}
