package io.jpod.core.spec;

import java.nio.file.Path;

/**
 * Host and per-container facts the spec generator needs besides the {@code ContainerConfig}.
 *
 * @param rootfs the root filesystem directory (overlay merged dir, or the {@code --rootfs} dir)
 * @param userdataDir the runroot userdata directory holding hosts, hostname, resolv.conf and
 *     .containerenv; each is bind-mounted only if the file exists
 * @param shmPath the tmpfs directory bind-mounted at /dev/shm, or null to mount a fresh tmpfs there
 * @param cgroupVersion the host's cgroup layout (HYBRID is treated as V1)
 * @param cgroupManager which cgroup manager names the cgroup (cgroupfs path or systemd slice)
 * @param addCgroupMount mount /sys/fs/cgroup (ro) in the container
 * @param privateCgroupNs on cgroup v2, give the container its own cgroup namespace (podman's default)
 * @param netnsPath an existing network namespace to join (e.g. /run/netns/netns-UUID), or null to let
 *     the runtime create an empty one; ignored for network mode "host"
 * @param seccomp the converted seccomp section, or null for unconfined
 * @param user the resolved process user
 * @param userMounts volumes, binds and tmpfs mounts; one replaces a default mount at the same path
 * @param namespacePaths namespaces to join, by OCI type (network, ipc, uts, pid) → path
 * @param networkFilesDir where the hosts and resolv.conf to bind come from: the container's own
 *     userdata dir, or that of the container whose network it shares; null for userdataDir
 */
public record SpecContext(
    Path rootfs,
    Path userdataDir,
    Path shmPath,
    CgroupVersion cgroupVersion,
    CgroupManager cgroupManager,
    boolean addCgroupMount,
    boolean privateCgroupNs,
    String netnsPath,
    RuntimeSpec.Seccomp seccomp,
    ProcessUser user,
    java.util.List<RuntimeSpec.Mount> userMounts,
    java.util.Map<String, String> namespacePaths,
    Path networkFilesDir) {

  public SpecContext {
    userMounts = userMounts == null ? java.util.List.of() : java.util.List.copyOf(userMounts);
    namespacePaths = namespacePaths == null ? java.util.Map.of() : java.util.Map.copyOf(namespacePaths);
  }

  /** The same context without user mounts, joined namespaces or a shared network files dir. */
  public SpecContext(Path rootfs, Path userdataDir, Path shmPath, CgroupVersion cgroupVersion,
      CgroupManager cgroupManager, boolean addCgroupMount, boolean privateCgroupNs, String netnsPath,
      RuntimeSpec.Seccomp seccomp, ProcessUser user) {
    this(rootfs, userdataDir, shmPath, cgroupVersion, cgroupManager, addCgroupMount, privateCgroupNs, netnsPath,
        seccomp, user, null, null, null);
  }

  public enum CgroupVersion {
    V1,
    V2,
    HYBRID;

    /** True only for the pure unified (v2) hierarchy; hybrid counts as v1 for the spec. */
    public boolean isUnified() {
      return this == V2;
    }
  }

  public enum CgroupManager {
    CGROUPFS,
    SYSTEMD
  }
}
