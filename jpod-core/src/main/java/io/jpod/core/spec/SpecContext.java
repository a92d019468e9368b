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
    ProcessUser user) {

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
