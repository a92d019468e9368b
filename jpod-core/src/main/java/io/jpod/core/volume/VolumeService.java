package io.jpod.core.volume;

import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.spec.RuntimeSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Named and anonymous volumes, and containers' mounts: the volume commands, and the steps the
 * container lifecycle calls (resolve and create at create, mount at init, unmount at cleanup, remove
 * with the container).
 */
public final class VolumeService {
  private final Libpod libpod;

  public VolumeService(Libpod libpod) {
    this.libpod = libpod;
  }

  /**
   * Validates a create request's mounts: {@code -v}, {@code --mount}, {@code --tmpfs}, {@code
   * --volumes-from} and the image's VOLUMEs (anonymous volumes unless something else is mounted there).
   */
  public List<MountConfig> resolve(VolumeRequest req, List<String> imageVolumes) {
    return List.of();
  }

  /** Creates the volumes a new container needs that do not exist yet; undo steps go on {@code rb}. */
  public void createFor(ContainerConfig cfg, Rollback rb) {}

  /**
   * Prepares the container's mounts before the runtime creates it (mounts volumes with driver options,
   * copies image content into new volumes, applies U) and returns them as OCI mounts.
   */
  public List<RuntimeSpec.Mount> mountsFor(ContainerConfig cfg, Path rootfs, Rollback rb) {
    return List.of();
  }

  /** Releases what {@link #mountsFor} mounted (cleanup). */
  public void unmountFor(ContainerConfig cfg) {}

  /** After the container's removal: removes its anonymous volumes when {@code removeAnonymous}. */
  public void removeFor(ContainerConfig cfg, boolean removeAnonymous) {}
}
