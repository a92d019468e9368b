package io.jpod.storage;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reference-counted mounts of container layers recorded in
 * {@code <runroot>/<driver>-layers/mountpoints.json}, so several jpod processes using one container share
 * a single mount. The driver does the mounting (overlay: a real mount; vfs: nothing, only the count).
 */
public final class MountTable {
  private final JsonFile<MountRecord> records;
  private final GraphDriver driver;

  MountTable(Path runRoot, GraphDriver driver, StorageJson json) {
    Path dir = runRoot.resolve(driver.name() + "-layers");
    this.records = new JsonFile<>(dir.resolve("mountpoints.json"), dir.resolve("mountpoints.lock"),
        json, MountRecord.class);
    this.driver = driver;
  }

  /** Mounts the layer unless already mounted, counts one more user and returns the mount point. */
  public Path mount(String layerId, boolean volatile_) {
    return mount(layerId, volatile_, List.of(), List.of());
  }

  /** As {@link #mount(String, boolean)}, idmapped for a container in a user namespace. */
  public Path mount(String layerId, boolean volatile_, List<io.jpod.sys.IdMap> uidMap,
      List<io.jpod.sys.IdMap> gidMap) {
    Path target = driver.mountPoint(layerId);
    records.update(list -> {
      Optional<MountRecord> r = list.stream().filter(m -> m.id().equals(layerId)).findFirst();
      int count = 0;
      // A record may be stale (a crashed process, a manual umount): trust the kernel's table.
      if (r.isPresent() && driver.isMounted(layerId)) {
        count = r.get().count();
      } else {
        try {
          driver.mount(layerId, volatile_, uidMap, gidMap);
        } catch (IOException e) {
          throw JpodException.system("mounting layer " + layerId + ": " + e.getMessage(), e);
        }
      }
      list.removeIf(m -> m.id().equals(layerId));
      list.add(new MountRecord(layerId, target.toString(), count + 1));
      return null;
    });
    return target;
  }

  /** Counts one user less (all of them with {@code force}) and unmounts when none is left. */
  public void unmount(String layerId, boolean force) {
    Path target = driver.mountPoint(layerId);
    records.update(list -> {
      Optional<MountRecord> r = list.stream().filter(m -> m.id().equals(layerId)).findFirst();
      int count = force ? 0 : Math.max(0, r.map(MountRecord::count).orElse(0) - 1);
      list.removeIf(m -> m.id().equals(layerId));
      if (count > 0) {
        list.add(new MountRecord(layerId, target.toString(), count));
      } else {
        driver.unmount(layerId);
      }
      return null;
    });
  }

  /** The number of users of a layer's mount (0 if unmounted). */
  public int count(String layerId) {
    return records.read().stream().filter(m -> m.id().equals(layerId)).mapToInt(MountRecord::count)
        .findFirst().orElse(0);
  }

  /** Reads {@code /proc/self/mountinfo}; package-private helper type. */
  static final class MountInfo {
    private MountInfo() {}

    static boolean isMountPoint(Path p) {
      String target = p.toAbsolutePath().normalize().toString();
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
          String[] f = line.split(" ");
          if (f.length > 4 && unescape(f[4]).equals(target)) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        throw JpodException.system("reading /proc/self/mountinfo: " + e.getMessage(), e);
      }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal {@code \ooo}. */
    static String unescape(String s) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
          sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
          i += 3;
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }
}
