package io.jpod.core.filesystem;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.state.ContainerRecord;
import io.jpod.storage.Change;
import io.jpod.storage.Image;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jpod diff}: what a container changed against its image, or what an image's top layer changed
 * against the layer below, as the store computes it. The mount points the runtime creates in every
 * container (and /dev, /proc, /sys, /run) are left out, as podman leaves them out.
 */
public final class ContainerDiff {
  /** libpod's {@code containerMounts}: paths that are never listed, for containers and images alike. */
  private static final Set<String> HIDDEN = Set.of("/dev", "/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
      "/proc", "/run", "/run/notify", "/run/.containerenv", "/run/secrets", "/sys", "/etc/mtab");

  /** Which kind of object the name may denote ({@code diff}, {@code container diff}, {@code image diff}). */
  public enum Target { ANY, CONTAINER, IMAGE }

  private final Libpod libpod;

  public ContainerDiff(Libpod libpod) {
    this.libpod = libpod;
  }

  /** The changes of the container or image {@code nameOrId}, sorted by path. */
  public List<Change> changes(String nameOrId, Target target) {
    String layer = layerOf(nameOrId, target);
    if (layer == null) {
      return List.of();
    }
    return libpod.store().layers().changes(layer).stream().filter(c -> !HIDDEN.contains(c.path())).toList();
  }

  /** The layer to compare; a container is looked for before an image, as podman does. */
  private String layerOf(String nameOrId, Target target) {
    if (target != Target.IMAGE) {
      Optional<ContainerRecord> rec = container(nameOrId);
      if (rec.isPresent()) {
        if (rec.get().config().imageId() == null) {
          throw JpodException.invalid(nameOrId + " has no layers to compare: it runs from --rootfs");
        }
        return libpod.store().containers().get(rec.get().config().id()).layerId();
      }
      if (target == Target.CONTAINER) {
        throw JpodException.notFound(nameOrId + " not found: container not known");
      }
    }
    try {
      Image image = libpod.store().images().lookup(nameOrId);
      return image.topLayer();
    } catch (JpodException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
      throw JpodException.notFound(nameOrId + " not found: "
          + (target == Target.IMAGE ? nameOrId + ": image not known" : "layer not known"));
    }
  }

  private Optional<ContainerRecord> container(String nameOrId) {
    try {
      return Optional.of(libpod.state().lookupContainer(nameOrId));
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
