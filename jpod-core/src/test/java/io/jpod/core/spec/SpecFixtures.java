package io.jpod.core.spec;

import io.jpod.core.container.ContainerConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The ContainerConfig of reference section 3's busybox container, and variations. */
final class SpecFixtures {
  static final String ID = "a7212f1974c3" + "b".repeat(52);
  static final String ROOTFS =
      "/var/lib/containers/storage/overlay/fe5cecf430d3716b1875c2e78c99acc9c0440461d81b7c82f4411c8864fd3c50/merged";
  static final String SHM = "/var/lib/containers/storage/overlay-containers/" + ID + "/userdata/shm";
  static final String RUN_USERDATA = "/run/containers/storage/overlay-containers/" + ID + "/userdata";
  static final String NETNS = "/run/netns/netns-4c581815-6746-1678-4367-7b077d3d79b6";
  static final List<String> CAPS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID",
      "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID",
      "CAP_SYS_CHROOT");

  private SpecFixtures() {}

  /** {@code podman run -d --runtime runc --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 busybox sleep 600}. */
  static ContainerConfig busybox() {
    return config("", false, false, null, "bridge", "enabled", List.of("sleep", "600"));
  }

  static ContainerConfig config(String user, boolean tty, boolean init, String initPath, String network,
      String cgroupsMode, List<String> command) {
    return new ContainerConfig(ID, "reverent_fermi", "c".repeat(64), "localhost/busybox:latest", null,
        List.of(), command, List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        "/", user, ID.substring(0, 12), tty, false, init, initPath, false, Map.of(), Map.of(), 15, 10,
        "runc", "k8s-file", "/tmp/ctr.log", -1,
        List.of(new ContainerConfig.Rlimit("RLIMIT_NOFILE", 1024, 1024),
            new ContainerConfig.Rlimit("RLIMIT_NPROC", 1024, 1024)),
        CAPS, false, 2048, "/libpod_parent", cgroupsMode, 64000L * 1024,
        Map.of("net.ipv4.ping_group_range", "0 0"), io.jpod.core.network.NetworkConfig.of(network, null), "",
        Instant.parse("2026-11-28T10:56:57.152776879Z"), List.of("podman", "run"), List.of(), null, null, null, null, null, null, null, null, null);
  }

  static RuntimeSpec.Seccomp fakeSeccomp() {
    return new RuntimeSpec.Seccomp("SCMP_ACT_ERRNO", 38,
        List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), List.of(),
        List.of(new RuntimeSpec.SyscallRule(List.of("read"), "SCMP_ACT_ALLOW", null, List.of())));
  }

  static SpecContext context(Path userdata, RuntimeSpec.Seccomp seccomp) {
    return new SpecContext(Path.of(ROOTFS), userdata, Path.of(SHM), SpecContext.CgroupVersion.HYBRID,
        SpecContext.CgroupManager.CGROUPFS, true, true, NETNS, seccomp, ProcessUser.root());
  }
}
