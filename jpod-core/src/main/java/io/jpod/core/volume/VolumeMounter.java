package io.jpod.core.volume;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.spec.ProcessUser;
import io.jpod.core.spec.RuntimeSpec;
import io.jpod.core.spec.UserResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's mounts at start and at cleanup. Each volume's state records which containers have it
 * mounted (podman's MountCount): the local driver's filesystem is mounted when the first one starts
 * and unmounted when the last one stops, and the first use of a new volume copies the image's
 * content into it. All of it happens under the volume's lock.
 */
final class VolumeMounter {
  /** Prefix of the holder ids of {@code volume mount}; container ids are plain hex and never match. */
  private static final String MANUAL_HOLDER = "volume-mount-";

  private final Libpod libpod;
  private final VolumeService volumes;

  VolumeMounter(Libpod libpod, VolumeService volumes) {
    this.libpod = libpod;
    this.volumes = volumes;
  }

  List<RuntimeSpec.Mount> mountsFor(ContainerConfig cfg, Path rootfs, Rollback rb) {
    List<RuntimeSpec.Mount> out = new ArrayList<>();
    ProcessUser user = null;
    for (MountConfig m : cfg.mounts()) {
      boolean chown = m.options().contains("U");
      if (chown && user == null) {
        user = hostUser(cfg, UserResolver.resolve(rootfs, cfg.user()));
      }
      List<String> oci = MountOptions.oci(m.options());
      switch (m.type()) {
        case "bind" -> {
          MountResolver.requireSource(m.source());
          if (chown) {
            VolumeContent.chownTree(Path.of(m.source()), user.uid(), user.gid());
          }
          out.add(new RuntimeSpec.Mount(m.destination(), "bind", m.source(), oci));
        }
        case "tmpfs" -> out.add(new RuntimeSpec.Mount(m.destination(), "tmpfs", "tmpfs", oci));
        default -> {
          mountVolume(cfg, m, rootfs, rb);
          Path data = volumes.mountPoint(m.source());
          if (chown) {
            VolumeContent.chownTree(data, user.uid(), user.gid());
          }
          out.add(new RuntimeSpec.Mount(m.destination(), "bind", data.toString(), oci));
        }
      }
    }
    return out;
  }

  /** The process user as the host sees it: in a user namespace, the ids its mappings give it. */
  private static ProcessUser hostUser(ContainerConfig cfg, ProcessUser user) {
    var id = cfg.identity();
    if (!id.mapped()) {
      return user;
    }
    return new ProcessUser(io.jpod.sys.IdMap.toHost(id.uidMap(), user.uid()),
        io.jpod.sys.IdMap.toHost(id.gidMap(), user.gid()), user.additionalGids(), user.home());
  }

  private void mountVolume(ContainerConfig cfg, MountConfig m, Path rootfs, Rollback rb) {
    String ctrId = cfg.id();
    String name = m.source();
    volumes.locked(name, () -> {
      VolumeRecord v = volumes.get(name);
      Path data = volumes.mountPoint(name);
      boolean mounts = v.config().needsMount() && v.state().mountCount() == 0;
      if (mounts) {
        LocalDriverMount.mount(v.config(), data);
      }
      try {
        if (v.state().needsChown() && cfg.identity().mapped()) {
          // podman: a new volume first belongs to the container's user as the host sees it
          ProcessUser u = hostUser(cfg, UserResolver.resolve(rootfs, cfg.user()));
          io.jpod.sys.Nodes.lchown(data, (int) u.uid(), (int) u.gid());
        }
        if (v.state().needsCopyUp() || v.state().needsChown()) {
          var imageDir = io.jpod.core.filesystem.TreeArchive.openInRoot(rootfs, m.destination());
          if (imageDir.isPresent()) {
            try (var dir = imageDir.get()) {
              VolumeContent.firstUse(dir.path(), data, v.state().needsCopyUp() && !m.options().contains("nocopy"));
            }
          }
        }
        libpod.state().updateVolumeState(name, s -> s.withMounted(ctrId).withFirstUseDone());
      } catch (RuntimeException e) {
        if (mounts) {
          LocalDriverMount.unmount(data);
        }
        throw e;
      }
      return null;
    });
    rb.add(() -> release(ctrId, name));
  }

  /**
   * {@code volume mount}: a volume with driver options is mounted on the first mount and each call
   * adds to its MountCount; a plain local volume is only a directory, so it is neither mounted nor
   * counted, as in podman. Manual mounts are held under their own holder ids in {@code mountedBy}.
   */
  Path mountManually(String name) {
    return volumes.locked(name, () -> {
      VolumeRecord v = volumes.get(name);
      Path data = volumes.mountPoint(name);
      if (!v.config().needsMount()) {
        return data;
      }
      if (v.state().mountCount() == 0) {
        LocalDriverMount.mount(v.config(), data);
      }
      String holder = MANUAL_HOLDER + (manualHolders(v.state()).size() + 1);
      libpod.state().updateVolumeState(name, s -> s.withMounted(holder));
      return data;
    });
  }

  /** {@code volume unmount}: drops one manual mount; the last one out unmounts the filesystem. */
  void unmountManually(String name) {
    volumes.locked(name, () -> {
      VolumeRecord v = volumes.get(name);
      List<String> manual = manualHolders(v.state());
      if (!v.config().needsMount() || manual.isEmpty()) {
        return null;
      }
      VolumeState after = libpod.state().updateVolumeState(name, s -> s.withUnmounted(manual.getLast()));
      if (after.mountCount() == 0) {
        LocalDriverMount.unmount(volumes.mountPoint(name));
      }
      return null;
    });
  }

  private static List<String> manualHolders(VolumeState st) {
    return st.mountedBy().stream().filter(h -> h.startsWith(MANUAL_HOLDER)).toList();
  }

  void unmountFor(ContainerConfig cfg) {
    for (MountConfig m : cfg.mounts()) {
      if (m.isVolume()) {
        try {
          release(cfg.id(), m.source());
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
        }
      }
    }
  }

  private void release(String ctrId, String name) {
    volumes.locked(name, () -> {
      VolumeRecord v = volumes.get(name);
      if (!v.state().mountedBy().contains(ctrId)) {
        return null;
      }
      VolumeState after = libpod.state().updateVolumeState(name, s -> s.withUnmounted(ctrId));
      if (v.config().needsMount() && after.mountCount() == 0) {
        LocalDriverMount.unmount(volumes.mountPoint(name));
      }
      return null;
    });
  }
}
