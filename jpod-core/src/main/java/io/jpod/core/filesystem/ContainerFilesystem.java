package io.jpod.core.filesystem;

import io.jpod.core.Libpod;

/**
 * Operations on containers' root filesystems: mount and unmount, export, copy in and out, diff and
 * commit. Get it from {@link Libpod#filesystem()}.
 */
public final class ContainerFilesystem {
  private final ContainerMounts mounts;
  private final ContainerExport export;
  private final ContainerCopy copy;
  private final ContainerDiff diff;
  private final ContainerCommit commit;

  public ContainerFilesystem(Libpod libpod) {
    this.mounts = new ContainerMounts(libpod);
    this.export = new ContainerExport(libpod);
    this.copy = new ContainerCopy(libpod);
    this.diff = new ContainerDiff(libpod);
    this.commit = new ContainerCommit(libpod);
  }

  public ContainerMounts mounts() {
    return mounts;
  }

  public ContainerExport export() {
    return export;
  }

  public ContainerCopy copy() {
    return copy;
  }

  public ContainerDiff diff() {
    return diff;
  }

  public ContainerCommit commit() {
    return commit;
  }
}
