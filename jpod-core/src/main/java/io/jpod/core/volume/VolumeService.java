package io.jpod.core.volume;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.events.Event;
import io.jpod.core.filesystem.TreeArchive;
import io.jpod.core.lock.ObjectLock;
import io.jpod.core.spec.RuntimeSpec;
import io.jpod.sys.Nodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Named and anonymous volumes, and containers' mounts: the volume commands, and the steps the
 * container lifecycle calls (resolve and create at create, mount at init, unmount at cleanup, remove
 * with the container). Volumes live in podman's layout, {@code <graphroot>/volumes/<name>/_data}.
 */
public final class VolumeService {
  private static final List<String> LOCAL_OPTIONS =
      List.of("type", "device", "o", "uid", "gid", "size", "inodes", "nocopy", "copy");

  private final Libpod libpod;
  private final VolumeMounter mounter;

  public VolumeService(Libpod libpod) {
    this.libpod = libpod;
    this.mounter = new VolumeMounter(libpod, this);
  }

  /** {@code <graphroot>/volumes/<name>}. */
  public Path volumeDir(String name) {
    return libpod.options().graphRoot().resolve("volumes").resolve(name);
  }

  /** The volume's Mountpoint: {@code <graphroot>/volumes/<name>/_data}. */
  public Path mountPoint(String name) {
    return volumeDir(name).resolve("_data");
  }

  // ---- volume commands -------------------------------------------------------------------------

  /** The request of {@code volume create}: a null name makes an anonymous-style 64-hex name. */
  public record CreateRequest(String name, String driver, Map<String, String> labels, Map<String, String> options) {
    public CreateRequest {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
      options = options == null ? Map.of() : new LinkedHashMap<>(options);
    }
  }

  /** {@code volume create}; CONFLICT when the name is taken. */
  public VolumeRecord create(CreateRequest req) {
    try (Rollback rb = new Rollback()) {
      VolumeRecord v = create(req, false, rb);
      rb.commit();
      return v;
    }
  }

  private VolumeRecord create(CreateRequest req, boolean anonymous, Rollback rb) {
    String name = req.name() == null || req.name().isEmpty() ? libpod.ids().newId() : req.name();
    if (!io.jpod.core.naming.Ids.validName(name)) {
      throw JpodException.invalid("running volume create option: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
    }
    String driver = req.driver() == null || req.driver().isEmpty() ? "local" : req.driver();
    if (!driver.equals("local")) {
      throw JpodException.notFound("volume plugin " + driver + " not found: no such volume plugin");
    }
    Map<String, String> options = new LinkedHashMap<>();
    Integer uid = null;
    Integer gid = null;
    for (var e : req.options().entrySet()) {
      String key = e.getKey().toLowerCase(java.util.Locale.ROOT);
      if (!LOCAL_OPTIONS.contains(key)) {
        throw JpodException.invalid("invalid mount option " + e.getKey() + " for driver 'local': invalid argument");
      }
      switch (key) {
        case "uid" -> uid = number(e.getKey(), e.getValue());
        case "gid" -> gid = number(e.getKey(), e.getValue());
        case "size", "inodes" -> throw JpodException.invalid(
            "volume options size and inodes not supported. Filesystem does not support Project Quota");
        case "o" -> {
          for (String o : e.getValue().split(",")) {
            if (o.startsWith("uid=")) {
              uid = number("uid", o.substring(4));
            } else if (o.startsWith("gid=")) {
              gid = number("gid", o.substring(4));
            }
          }
          options.put(key, e.getValue());
        }
        default -> options.put(key, e.getValue());
      }
    }
    if (uid != null) {
      options.put("UID", uid.toString());
    }
    if (gid != null) {
      options.put("GID", gid.toString());
    }
    if (libpod.state().volume(name).isPresent()) {
      throw JpodException.conflict("volume with name " + name + " already exists: volume already exists");
    }
    Volume v = new Volume(name, driver, req.labels(), options, Instant.now(), anonymous, uid, gid);
    Path dir = volumeDir(name);
    try {
      Files.createDirectories(dir.getParent());
      // A directory without a database row is what an interrupted create left: podman reuses it, and
      // only a directory made here is removed again on failure (a racing create of the same name may
      // own it).
      if (!Files.isDirectory(dir)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        rb.add(() -> VolumeContent.deleteTree(dir));
      }
      Files.createDirectories(mountPoint(name));
      Nodes.chmod(mountPoint(name), 0755);
      if (uid != null || gid != null) {
        Nodes.lchown(mountPoint(name), uid == null ? 0 : uid, gid == null ? 0 : gid);
      }
    } catch (IOException e) {
      throw JpodException.system("creating volume directory " + dir + ": " + e.getMessage(), e);
    }
    // -o nocopy: podman never copies image content into such a volume
    VolumeState st = options.containsKey("nocopy") ? new VolumeState(List.of(), false, true) : VolumeState.fresh();
    libpod.state().addVolume(v, st);
    rb.add(() -> libpod.state().removeVolume(name));
    event("create", name);
    return new VolumeRecord(v, st);
  }

  private static Integer number(String key, String value) {
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw JpodException.invalid("cannot convert " + key + " " + value + " to integer: invalid argument");
    }
  }

  /** The volume named {@code name}; NOT_FOUND with podman's text. */
  public VolumeRecord get(String name) {
    return find(name).orElseThrow(() ->
        JpodException.notFound("no volume with name \"" + name + "\" found: no such volume"));
  }

  public Optional<VolumeRecord> find(String name) {
    return name == null || name.isEmpty() ? Optional.empty() : libpod.state().volume(name);
  }

  public boolean exists(String name) {
    return find(name).isPresent();
  }

  /** All volumes, by name. */
  public List<VolumeRecord> list() {
    return libpod.state().volumes();
  }

  /** The ids of the containers using the volume. */
  public List<String> users(String name) {
    return libpod.state().volumeUsers(name);
  }

  /**
   * {@code volume rm}: refuses a volume in use unless {@code force}, which first removes the containers
   * using it (stopping them with {@code timeout}), as podman does.
   */
  public void remove(String name, boolean force, Integer timeout) {
    VolumeRecord v = get(name);
    if (force) {
      for (String ctr : users(v.name())) {
        libpod.containers().remove(ctr, true, timeout, false);
      }
    }
    // Under the volume's lock: no container can be mounting it meanwhile.
    locked(v.name(), () -> {
      libpod.state().removeVolume(v.name());
      if (v.config().needsMount()) {
        LocalDriverMount.unmount(mountPoint(v.name()));
      }
      VolumeContent.deleteTree(volumeDir(v.name()));
      libpod.locks().remove("volume-" + v.name());
      return null;
    });
    event("remove", v.name());
  }

  /** {@code volume prune}: removes the unused volumes that {@code filter} accepts; returns their names. */
  public List<String> prune(Predicate<VolumeRecord> filter) {
    List<String> removed = new ArrayList<>();
    for (VolumeRecord v : list()) {
      if (!filter.test(v) || !users(v.name()).isEmpty()) {
        continue;
      }
      try {
        remove(v.name(), false, null);
      } catch (JpodException e) {
        if (e.kind() == ErrorKind.NOT_FOUND || e.kind() == ErrorKind.CONFLICT) {
          continue; // removed or taken into use meanwhile
        }
        throw e;
      }
      event("prune", v.name());
      removed.add(v.name());
    }
    return removed;
  }

  /** {@code volume export}: the volume's content as a tar stream. */
  public void export(String name, OutputStream out) {
    VolumeRecord v = get(name);
    try {
      TreeArchive.write(mountPoint(v.name()), out);
    } catch (IOException e) {
      throw JpodException.system("exporting volume " + name + ": " + e.getMessage(), e);
    }
  }

  /** {@code volume import}: unpacks a tar stream into the volume. */
  public void importInto(String name, InputStream in) {
    VolumeRecord v = get(name);
    try {
      TreeArchive.extract(in, mountPoint(v.name()));
    } catch (IOException e) {
      throw JpodException.system("importing into volume " + name + ": " + e.getMessage(), e);
    }
  }

  // ---- container lifecycle ---------------------------------------------------------------------

  /**
   * Validates a create request's mounts: {@code -v}, {@code --mount}, {@code --tmpfs}, {@code
   * --volumes-from} and the image's VOLUMEs (anonymous volumes unless something else is mounted there).
   */
  public List<MountConfig> resolve(VolumeRequest req, List<String> imageVolumes) {
    return new MountResolver(libpod).resolve(req, imageVolumes);
  }

  /** Creates the volumes a new container needs that do not exist yet; undo steps go on {@code rb}. */
  public void createFor(ContainerConfig cfg, Rollback rb) {
    for (MountConfig m : cfg.mounts()) {
      if (m.isVolume() && !exists(m.source())) {
        create(new CreateRequest(m.source(), "local", Map.of(), Map.of()), m.anonymous(), rb);
      }
    }
  }

  /**
   * Prepares the container's mounts before the runtime creates it (mounts volumes with driver options,
   * copies image content into new volumes, applies U) and returns them as OCI mounts.
   */
  public List<RuntimeSpec.Mount> mountsFor(ContainerConfig cfg, Path rootfs, Rollback rb) {
    return mounter.mountsFor(cfg, rootfs, rb);
  }

  /** {@code volume mount}: mounts the volume if its driver options need it; returns its mount point. */
  public Path mount(String name) {
    return mounter.mountManually(name);
  }

  /** {@code volume unmount}: undoes one {@link #mount}. */
  public void unmount(String name) {
    mounter.unmountManually(name);
  }

  /** Releases what {@link #mountsFor} mounted (cleanup). */
  public void unmountFor(ContainerConfig cfg) {
    mounter.unmountFor(cfg);
  }

  /** After the container's removal: removes its anonymous volumes when {@code removeAnonymous}. */
  public void removeFor(ContainerConfig cfg, boolean removeAnonymous) {
    if (!removeAnonymous) {
      return;
    }
    for (MountConfig m : cfg.mounts()) {
      if (!m.isVolume() || !m.anonymous()) {
        continue;
      }
      try {
        Optional<VolumeRecord> v = find(m.source());
        if (v.isPresent() && v.get().config().anonymous() && users(m.source()).isEmpty()) {
          remove(m.source(), false, null);
        }
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND && e.kind() != ErrorKind.CONFLICT) {
          throw e;
        }
      }
    }
  }

  /** Runs {@code op} under the volume's lock (mount counts and first-use steps). */
  <T> T locked(String name, java.util.function.Supplier<T> op) {
    try (ObjectLock lock = libpod.locks().lock("volume-" + name)) {
      return op.get();
    }
  }

  private void event(String status, String name) {
    libpod.events().write(new Event(null, null, null, name, status, Instant.now(), "volume", null));
  }
}
