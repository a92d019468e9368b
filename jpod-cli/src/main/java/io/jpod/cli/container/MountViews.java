package io.jpod.cli.container;

import io.jpod.core.volume.MountConfig;
import io.jpod.core.volume.MountOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's mounts as podman's {@code inspect} shows them: "Mounts" (volumes, then binds; tmpfs
 * mounts are not listed there), "HostConfig.Binds" (SOURCE:DEST:OPTIONS) and "HostConfig.Tmpfs".
 */
final class MountViews {
  private MountViews() {}

  /**
   * The graph root is not in the container record; the userdata dir sits at
   * {@code <graphroot>/<driver>-containers/<id>/userdata}, and volumes at {@code <graphroot>/volumes}.
   */
  static Path volumeRoot(Path userdataDir) {
    return userdataDir.getParent().getParent().getParent().resolve("volumes");
  }

  static List<Map<String, Object>> mounts(List<MountConfig> mounts, Path volumeRoot) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (boolean volumes : new boolean[] {true, false}) {
      // podman lists the volumes last-mounted first (seen in 4.3.1's inspect and ps)
      for (MountConfig m : volumes ? mounts.reversed() : mounts) {
        if (m.type().equals("tmpfs") || m.isVolume() != volumes) {
          continue;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Type", m.type());
        if (m.isVolume()) {
          v.put("Name", m.source());
        }
        v.put("Source", m.isVolume() ? volumeRoot.resolve(m.source()).resolve("_data").toString() : m.source());
        v.put("Destination", m.destination());
        v.put("Driver", m.isVolume() ? "local" : "");
        v.put("Mode", MountOptions.mode(m.options()));
        v.put("Options", MountOptions.inspectOptions(m.options()));
        v.put("RW", !MountOptions.readOnly(m.options()));
        v.put("Propagation", MountOptions.propagation(m.options()));
        out.add(v);
      }
    }
    return out;
  }

  static List<String> binds(List<MountConfig> mounts) {
    List<String> out = new ArrayList<>();
    for (MountConfig m : mounts) {
      if (!m.type().equals("tmpfs")) {
        out.add(m.source() + ":" + m.destination() + ":" + String.join(",", MountOptions.oci(m.options())));
      }
    }
    return out;
  }

  static Map<String, String> tmpfs(List<MountConfig> mounts) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MountConfig m : mounts) {
      if (m.type().equals("tmpfs")) {
        out.put(m.destination(), String.join(",", MountOptions.oci(m.options())));
      }
    }
    return out;
  }

  /** ps's Mounts: the destinations, binds and tmpfs mounts first, then volumes last-mounted first. */
  static List<String> destinations(List<MountConfig> mounts) {
    List<String> out = new ArrayList<>();
    mounts.stream().filter(m -> !m.isVolume()).forEach(m -> out.add(m.destination()));
    mounts.reversed().stream().filter(MountConfig::isVolume).forEach(m -> out.add(m.destination()));
    return out;
  }
}
