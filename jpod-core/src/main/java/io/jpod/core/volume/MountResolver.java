package io.jpod.core.volume;

import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.state.ContainerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a create request's {@code -v}, {@code --mount}, {@code --tmpfs} and {@code --volumes-from}
 * plus the image's VOLUMEs into the container's mounts, as podman's specgen does: explicit mounts
 * first (a destination given twice is an error), then the other container's mounts and the image's
 * volumes where nothing explicit is mounted. Nothing is created here.
 */
final class MountResolver {
  /** podman gives image VOLUMEs these options (pkg/specgen/generate/storage.go). */
  private static final List<String> IMAGE_VOLUME_OPTIONS = List.of("rprivate", "rw", "nodev", "exec");

  private final Libpod libpod;

  MountResolver(Libpod libpod) {
    this.libpod = libpod;
  }

  List<MountConfig> resolve(VolumeRequest req, List<String> imageVolumes) {
    Map<String, MountConfig> explicit = new LinkedHashMap<>();
    List<MountConfig> parsed = new ArrayList<>();
    req.volumes().forEach(v -> parsed.add(MountSpecs.volume(v)));
    req.mounts().forEach(m -> parsed.add(MountSpecs.mount(m)));
    req.tmpfs().forEach(t -> parsed.add(MountSpecs.tmpfs(t)));
    for (MountConfig m : parsed) {
      if (explicit.putIfAbsent(m.destination(), m) != null) {
        throw JpodException.invalid(m.destination() + ": duplicate mount destination");
      }
    }
    Map<String, MountConfig> all = new LinkedHashMap<>();
    for (String from : req.volumesFrom()) {
      for (MountConfig m : volumesFrom(from)) {
        if (!explicit.containsKey(m.destination())) {
          all.put(m.destination(), m);
        }
      }
    }
    all.putAll(explicit);
    for (String dest : req.imageVolumes().equals("ignore") ? List.<String>of() : imageVolumes) {
      String d = MountSpecs.clean(dest);
      if (!all.containsKey(d)) {
        all.put(d, req.imageVolumes().equals("tmpfs") ? MountSpecs.tmpfs(d)
            : new MountConfig("volume", "", d, MountOptions.complete(IMAGE_VOLUME_OPTIONS, "volume"), true));
      }
    }
    List<MountConfig> out = new ArrayList<>();
    for (MountConfig m : all.values()) {
      if (m.type().equals("bind")) {
        requireSource(m.source());
        m = new MountConfig("bind", m.source(), m.destination(),
            MountOptions.withHostFlags(m.options(), HostMountFlags.of(m.source())), false);
      }
      out.add(m.isVolume() && m.source().isEmpty()
          ? new MountConfig("volume", libpod.ids().newId(), m.destination(), m.options(), true)
          : m);
    }
    return List.copyOf(out);
  }

  /** podman's text when a bind source is missing (it stats the path with statfs(2)). */
  static void requireSource(String source) {
    if (!Files.exists(Path.of(source))) {
      throw JpodException.invalid("statfs " + source + ": no such file or directory");
    }
  }

  /** {@code CONTAINER[:ro|rw]}: the container's volumes and binds, shared rather than owned. */
  private List<MountConfig> volumesFrom(String spec) {
    int colon = spec.indexOf(':');
    String name = colon < 0 ? spec : spec.substring(0, colon);
    String mode = colon < 0 ? "" : spec.substring(colon + 1);
    List<String> modes = mode.isEmpty() ? List.of() : List.of(mode.split(","));
    for (String m : modes) {
      if (!List.of("ro", "rw", "z").contains(m)) {
        throw JpodException.invalid("invalid options " + mode + ", can only specify 'ro', 'rw', and 'z'");
      }
    }
    ContainerRecord rec;
    try {
      rec = libpod.state().lookupContainer(name);
    } catch (JpodException e) {
      throw new JpodException(e.kind(), "looking up container \"" + name + "\" for volumes-from: " + e.getMessage());
    }
    List<MountConfig> out = new ArrayList<>();
    for (MountConfig m : rec.config().mounts()) {
      if (m.type().equals("tmpfs")) {
        continue;
      }
      List<String> opts = new ArrayList<>(m.options());
      if (modes.contains("ro") || modes.contains("rw")) {
        String rw = modes.contains("ro") ? "ro" : "rw";
        opts.replaceAll(o -> o.equals("ro") || o.equals("rw") ? rw : o);
      }
      out.add(new MountConfig(m.type(), m.source(), m.destination(), opts, false));
    }
    return out;
  }
}
