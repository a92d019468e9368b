package io.jpod.core.cgroup;

import io.jpod.common.JpodException;

/** podman's {@code --cgroups}, {@code --cgroupns} and {@code --cgroup-parent}, checked before anything is created. */
public final class CgroupFlags {
  private CgroupFlags() {}

  /**
   * enabled, disabled, no-conmon or split; null keeps containers.conf's. runc cannot run a container
   * without a cgroup, and podman refuses the combination up front.
   */
  public static String cgroupsMode(String given, String confDefault, String runtimeName) {
    String mode = given == null || given.isEmpty() ? confDefault : given;
    switch (mode) {
      case "enabled", "no-conmon", "split" -> {
        return mode;
      }
      case "disabled" -> {
        if ("runc".equals(runtimeName)) {
          throw JpodException.invalid("requested OCI runtime runc is not compatible with NoCgroups: invalid argument");
        }
        return mode;
      }
      default -> throw JpodException.invalid(
          "running container create option: invalid cgroup mode \"" + mode + "\": invalid argument");
    }
  }

  /** host, private or ns:PATH; "" (not given) means podman's default for the host's cgroup version. */
  public static String cgroupnsMode(String given) {
    if (given == null || given.isEmpty()) {
      return "";
    }
    if (given.equals("host") || given.equals("private") || (given.startsWith("ns:") && given.length() > 3)) {
      return given;
    }
    throw JpodException.invalid("unrecognized namespace mode " + given + " passed");
  }

  /** {@code --cgroup-parent} wins over the pod's or the default parent. */
  public static String cgroupParent(String given, String placed) {
    return given == null || given.isEmpty() ? placed : given;
  }

  /** Whether the container gets its own cgroup namespace: asked for, or by default on cgroup v2. */
  public static boolean privateNamespace(String cgroupnsMode, boolean unified) {
    return cgroupnsMode.equals("private") || (cgroupnsMode.isEmpty() && unified);
  }
}
