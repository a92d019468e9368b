package io.jpod.core.filesystem;

import io.jpod.core.Libpod;
import io.jpod.core.events.Event;
import io.jpod.core.lock.ObjectLock;
import io.jpod.core.state.ContainerRecord;
import io.jpod.storage.ContainerStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code jpod mount} and {@code umount}: a container's root filesystem mounted on the host. Every mount
 * counts one user in the store's mount table, which start and stop share; the overlay is only unmounted
 * when the last user is gone, and a running (or paused) container always remains one of them.
 */
public final class ContainerMounts {
  private final Libpod libpod;

  public ContainerMounts(Libpod libpod) {
    this.libpod = libpod;
  }

  /** A container whose root filesystem is mounted, and where. */
  public record Mounted(ContainerRecord container, Path path) {}

  /** Mounts the container's root filesystem (one more user) and returns the mount point. */
  public Path mount(ContainerRecord rec) {
    String id = rec.config().id();
    if (rec.config().imageId() == null) {
      return Path.of(rec.config().rootfs());
    }
    Path path;
    try (ObjectLock lock = libpod.locks().lock(id)) {
      libpod.state().lookupContainer(id);
      path = libpod.store().containers().mount(id);
    }
    libpod.events().write(Event.container("mount", id, rec.config().name(), rec.config().imageName(), rec.config().labels()));
    return path;
  }

  /**
   * Drops one user of the container's mount ({@code force}: every user but the container itself while
   * it runs). Unmounting something not mounted does nothing, as in podman.
   */
  public void unmount(ContainerRecord rec, boolean force) {
    String id = rec.config().id();
    if (rec.config().imageId() == null) {
      return;
    }
    ContainerStore store = libpod.store().containers();
    // Synced first (get takes the lock itself, and the lock is not reentrant), re-read under the lock.
    libpod.containers().get(id);
    try (ObjectLock lock = libpod.locks().lock(id)) {
      boolean alive = libpod.state().lookupContainer(id).state().status().isAlive();
      if (!alive) {
        store.unmount(id, force);
        return;
      }
      // The running container holds a mount of its own, which only its stop may release.
      int keep = 1;
      do {
        if (store.mountCount(id) <= keep) {
          return;
        }
        store.unmount(id, false);
      } while (force);
    }
  }

  /** The containers whose root filesystems are mounted, by id as podman lists them. */
  public List<Mounted> list() {
    ContainerStore store = libpod.store().containers();
    List<Mounted> out = new ArrayList<>();
    for (ContainerRecord rec : libpod.containers().list()) {
      if (rec.config().imageId() != null && store.mountCount(rec.config().id()) > 0) {
        out.add(new Mounted(rec, store.get(rec.config().id()).mergedDir()));
      }
    }
    out.sort(Comparator.comparing(m -> m.container().config().id()));
    return out;
  }
}
