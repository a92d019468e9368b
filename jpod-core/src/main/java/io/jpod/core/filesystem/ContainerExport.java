package io.jpod.core.filesystem;

import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * {@code jpod export}: the container's whole root filesystem as one tar stream (podman's layout:
 * "bin/", "bin/busybox", ... with owners, modes, symlinks, hard links and devices as they are). The
 * filesystem is mounted for the export and unmounted after, unless someone else (the running container,
 * {@code jpod mount}) still uses it.
 */
public final class ContainerExport {
  private final Libpod libpod;

  public ContainerExport(Libpod libpod) {
    this.libpod = libpod;
  }

  public void export(ContainerRecord rec, OutputStream out) {
    try (MountedRoot root = MountedRoot.mount(libpod, rec);
        DirFd rootFd = DirFd.open(root.root());
        TreeTarWriter tar = new TreeTarWriter(out, new TreeTarWriter.Options(null, true, Set.of()), HostNames.load())) {
      tar.writeDirectory(rootFd, "/", "");
      tar.finish();
      out.flush();
    } catch (IOException e) {
      throw JpodException.system("exporting container " + rec.config().id() + ": " + ContainerCopy.message(e), e);
    }
  }
}
