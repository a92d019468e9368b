package io.jpod.cli.container;

import io.jpod.core.cgroup.CgroupMode;
import io.jpod.core.container.ContainerConfig;
import java.nio.file.Path;
import java.util.Map;

/** The user namespace and cgroup fields of podman 4.3.1's {@code inspect} HostConfig. */
final class IdentityViews {
  private IdentityViews() {}

  static void put(Map<String, Object> host, ContainerConfig c) {
    var id = c.identity();
    String userns = id.usernsMode();
    host.put("UsernsMode", id.mapped() && (userns.equals("private") || userns.equals("auto")) ? "private" : userns);
    if (id.mapped()) {
      // podman leaves IDMappings out (omitempty) without a user namespace of the container's own
      host.put("IDMappings", ContainerViews.map(
          "UidMap", id.uidMap().stream().map(Object::toString).toList(),
          "GidMap", id.gidMap().stream().map(Object::toString).toList()));
    }
    host.put("Cgroups", "disabled".equals(c.cgroupsMode()) ? "disabled" : "default");
  }

  /** podman's CgroupMode: the cgroup namespace in effect (private by default only on cgroup v2). */
  static String cgroupMode(ContainerConfig c) {
    String mode = c.identity().cgroupnsMode();
    if (mode.isEmpty()) {
      return CgroupMode.detect(Path.of("/sys/fs/cgroup")) == CgroupMode.V2 ? "private" : "host";
    }
    return mode;
  }
}
