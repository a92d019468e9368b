package io.jpod.core.filesystem;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.lock.ObjectLock;
import io.jpod.core.state.ContainerRecord;
import java.nio.file.Path;

/**
 * A container's root filesystem held mounted for the length of one operation (cp, export, commit). The
 * mount is counted like every other user's (start, {@code jpod mount}), so a running container's mount is
 * simply shared and a stopped one is unmounted again on close. A {@code --rootfs} container's directory
 * needs no mount.
 */
final class MountedRoot implements AutoCloseable {
  private final Libpod libpod;
  private final ContainerRecord container;
  private final Path root;
  private final boolean counted;

  private MountedRoot(Libpod libpod, ContainerRecord container, Path root, boolean counted) {
    this.libpod = libpod;
    this.container = container;
    this.root = root;
    this.counted = counted;
  }

  static MountedRoot mount(Libpod libpod, ContainerRecord rec) {
    String id = rec.config().id();
    if (rec.config().imageId() == null) {
      return new MountedRoot(libpod, rec, Path.of(rec.config().rootfs()), false);
    }
    // Under the container's lock, so a concurrent rm cannot delete the layer between lookup and mount.
    try (ObjectLock lock = libpod.locks().lock(id)) {
      ContainerRecord now = libpod.state().lookupContainer(id);
      return new MountedRoot(libpod, now, libpod.store().containers().mount(id), true);
    }
  }

  ContainerRecord container() {
    return container;
  }

  Path root() {
    return root;
  }

  @Override
  public void close() {
    if (!counted) {
      return;
    }
    String id = container.config().id();
    try (ObjectLock lock = libpod.locks().lock(id)) {
      libpod.store().containers().unmount(id, false);
    } catch (JpodException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e; // NOT_FOUND: removed meanwhile, and its mount with it
      }
    }
  }
}
