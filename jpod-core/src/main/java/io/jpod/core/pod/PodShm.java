package io.jpod.core.pod;

import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.NamespaceConfig;
import io.jpod.sys.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A pod's shared /dev/shm, as podman has it: the infra container's shm is a tmpfs of its {@code
 * --shm-size} mounted on the host at {@code <bundle>/shm} and bind-mounted into it; a container that
 * joins the infra container's IPC namespace binds the same directory, so both see one /dev/shm (an IPC
 * namespace alone shares SysV objects, not the POSIX shm files that live there). Other containers keep
 * the private tmpfs their spec mounts.
 */
public final class PodShm {
  private final Libpod libpod;

  public PodShm(Libpod libpod) {
    this.libpod = libpod;
  }

  /**
   * The host directory to bind at /dev/shm for {@code cfg}, or null for a private tmpfs. An infra
   * container's tmpfs is mounted here, its unmount put on {@code rb}.
   *
   * @param shmDirOf a container's {@code <bundle>/shm}
   */
  public Path prepare(ContainerConfig cfg, Function<ContainerConfig, Path> shmDirOf, Rollback rb) {
    if (libpod.pods().podOfInfra(cfg.podId(), cfg.id()).isPresent()) {
      Path dir = shmDirOf.apply(cfg);
      if (!mounted(dir)) {
        try {
          Files.createDirectories(dir);
        } catch (IOException e) {
          throw JpodException.system("creating " + dir + ": " + e.getMessage(), e);
        }
        Mount.mount("shm", dir.toString(), "tmpfs", Mount.MS_NOSUID | Mount.MS_NODEV | Mount.MS_NOEXEC,
            "mode=1777,size=" + cfg.shmSize());
        rb.add(() -> release(dir));
      }
      return dir;
    }
    String ipcOwner = NamespaceConfig.joinedContainer(cfg.namespaces().ipc());
    if (ipcOwner == null || cfg.podId() == null) {
      return null;
    }
    ContainerConfig owner = libpod.state().lookupContainer(ipcOwner).config();
    Path dir = shmDirOf.apply(owner);
    return mounted(dir) ? dir : null;
  }

  /** Unmounts an infra container's shm at cleanup (a no-op for everyone else). */
  public void release(ContainerConfig cfg, Function<ContainerConfig, Path> shmDirOf) {
    Path dir = shmDirOf.apply(cfg);
    if (mounted(dir)) {
      release(dir);
    }
  }

  private static void release(Path dir) {
    // detached: members still holding the bind keep the tmpfs alive until they are gone too
    Mount.unmount(dir.toString(), Mount.MNT_DETACH);
  }

  private static boolean mounted(Path dir) {
    String target = dir.toString();
    try (var lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
      return lines.anyMatch(l -> {
        String[] f = l.split(" ", 6);
        return f.length > 4 && f[4].equals(target);
      });
    } catch (IOException e) {
      return false;
    }
  }
}
