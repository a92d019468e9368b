package io.jpod.core.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;

/** How the host mounts cgroups, which decides where jpod writes and which runtimes can work. */
public enum CgroupMode {
  /** Only the legacy per-controller hierarchies. */
  V1,
  /** Legacy controllers plus a cgroup2 mount at /sys/fs/cgroup/unified (crun refuses this). */
  HYBRID,
  /** The unified hierarchy only. */
  V2;

  /** Detects the mode from the files under {@code root} (normally /sys/fs/cgroup). */
  public static CgroupMode detect(Path root) {
    if (Files.exists(root.resolve("cgroup.controllers"))) {
      return V2;
    }
    if (Files.exists(root.resolve("unified/cgroup.controllers"))) {
      return HYBRID;
    }
    return V1;
  }

  /** True when containers are governed by the v1 controllers (podman treats hybrid as v1). */
  public boolean legacy() {
    return this != V2;
  }

  /** podman's name for it in {@code info}. */
  public String infoName() {
    return this == V2 ? "v2" : "v1";
  }
}
