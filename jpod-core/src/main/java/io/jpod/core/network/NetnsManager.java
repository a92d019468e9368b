package io.jpod.core.network;

import io.jpod.common.JpodException;
import io.jpod.sys.Fd;
import io.jpod.sys.Mount;
import io.jpod.sys.Namespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Named network namespaces as podman (and {@code ip netns}) keep them: a bind mount of a namespace
 * file on {@code /run/netns/netns-<uuid>}, which keeps the namespace alive without any process in it.
 */
public final class NetnsManager {
  private final Path dir;
  private volatile boolean dirShared;

  public NetnsManager(Path dir) {
    this.dir = dir;
  }

  public static NetnsManager system() {
    return new NetnsManager(Path.of("/run/netns"));
  }

  /**
   * Creates a new network namespace. The unshare happens on a platform thread of its own that exits
   * afterwards, so no thread of the JVM is ever left in the new namespace.
   */
  public Path create() {
    Path file = dir.resolve("netns-" + UUID.randomUUID());
    try {
      Files.createDirectories(dir);
      shareDir();
      Files.createFile(file);
    } catch (IOException e) {
      throw JpodException.system("creating network namespace file " + file + ": " + e.getMessage(), e);
    }
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread t = Thread.ofPlatform().name("jpod-netns").unstarted(() -> {
      try (Fd orig = Fd.open("/proc/thread-self/ns/net", Fd.O_RDONLY | Fd.O_CLOEXEC, 0)) {
        Namespaces.unshare(Namespaces.CLONE_NEWNET);
        try {
          Mount.mount("/proc/thread-self/ns/net", file.toString(), "none", Mount.MS_BIND, null);
        } finally {
          Namespaces.setns(orig, Namespaces.CLONE_NEWNET);
        }
      } catch (RuntimeException e) {
        failure.set(e);
      }
    });
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, JpodException.system("interrupted creating a network namespace"));
    }
    if (failure.get() != null) {
      remove(file);
      throw JpodException.system("creating network namespace: " + failure.get().getMessage(), failure.get());
    }
    return file;
  }

  /**
   * Names an existing network namespace ({@code /proc/PID/ns/net} of a process the runtime made):
   * the bind mount keeps it alive after that process is gone, as {@link #create} does for its own.
   */
  public Path adopt(Path nsFile) {
    Path file = dir.resolve("netns-" + UUID.randomUUID());
    try {
      Files.createDirectories(dir);
      shareDir();
      Files.createFile(file);
      Mount.mount(nsFile.toString(), file.toString(), "none", Mount.MS_BIND, null);
    } catch (IOException | RuntimeException e) {
      remove(file);
      throw JpodException.system("naming network namespace " + nsFile + ": " + e.getMessage(), e);
    }
    return file;
  }

  /**
   * Makes the directory a shared mount of its own, as podman and {@code ip netns} do, so that the
   * namespace mounts propagate into mount namespaces made later. It also matters for removal: were
   * the directory still a plain one, the first tool that makes it a mount point (podman, ip netns)
   * would bind it over itself, hide the namespace mounts made before beneath it, and deleting
   * their files would then fail with EBUSY. The recursive bind keeps mounts already there visible.
   */
  private void shareDir() {
    if (dirShared) {
      return;
    }
    try {
      Mount.mount("", dir.toString(), "none", Mount.MS_SHARED | Mount.MS_REC, null);
    } catch (JpodException notAMountPoint) {
      try {
        Mount.mount(dir.toString(), dir.toString(), "none", Mount.MS_BIND | Mount.MS_REC, null);
        Mount.mount("", dir.toString(), "none", Mount.MS_SHARED | Mount.MS_REC, null);
      } catch (JpodException e) {
        // namespaces still work without it; only the propagation described above is lost
        io.jpod.common.Logrus.warn("making " + dir + " a shared mount: " + e.getMessage());
      }
    }
    dirShared = true;
  }

  /** Unmounts and deletes a namespace file; tolerant of it being gone already. */
  public void remove(Path file) {
    try {
      Mount.unmount(file.toString(), Mount.MNT_DETACH);
    } catch (JpodException e) {
      // an unmounted or vanished file is what we want anyway
    }
    try {
      Files.deleteIfExists(file);
    } catch (java.nio.file.FileSystemException e) {
      if (e.getReason() != null && e.getReason().contains("busy")) {
        // the mount is hidden under a later bind mount of the directory (made before jpod shared
        // it, by another tool): it cannot be reached by this path any more; the namespace itself is
        // released with its last user, and the container must still be removable
        io.jpod.common.Logrus.warn("network namespace " + file + " is hidden under another mount and stays: " + e.getMessage());
        return;
      }
      throw JpodException.system("removing network namespace " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw JpodException.system("removing network namespace " + file + ": " + e.getMessage(), e);
    }
  }
}
