package io.jpod.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The few facts about the host that built-in defaults depend on, probed once per load.
 *
 * @param systemdPid1 whether {@code /proc/1/comm} is {@code systemd} (cgroup_manager and events_logger
 *     default to systemd/journald only then)
 * @param cgroupV2 whether {@code /sys/fs/cgroup} is the unified hierarchy (cgroupns defaults to
 *     {@code private} on v2, {@code host} on v1)
 */
public record HostFacts(boolean systemdPid1, boolean cgroupV2) {

  /** Probes the host below {@code root} (normally {@code /}). */
  public static HostFacts probe(Path root) {
    boolean systemd = false;
    try {
      systemd = io.jpod.common.KernelFiles.read(root.resolve("proc/1/comm")).strip().equals("systemd");
    } catch (IOException | SecurityException e) {
      // not readable: assume no systemd, like podman does when it cannot tell
    }
    boolean v2 = Files.exists(root.resolve("sys/fs/cgroup/cgroup.controllers"));
    return new HostFacts(systemd, v2);
  }
}
