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
      Files.createFile(file);
      Mount.mount(nsFile.toString(), file.toString(), "none", Mount.MS_BIND, null);
    } catch (IOException | RuntimeException e) {
      remove(file);
      throw JpodException.system("naming network namespace " + nsFile + ": " + e.getMessage(), e);
    }
    return file;
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
    } catch (IOException e) {
      throw JpodException.system("removing network namespace " + file + ": " + e.getMessage(), e);
    }
  }
}
