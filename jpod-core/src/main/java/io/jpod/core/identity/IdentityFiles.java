package io.jpod.core.identity;

import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.oci.ContainerPaths;
import io.jpod.sys.Nodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What the container's identity changes in its files before it starts: the /etc/passwd and /etc/group
 * lines podman adds for a numeric {@code --user} the image does not know, and, in a user namespace,
 * the ownership of the files jpod bind-mounts (container root must own them, as in podman).
 */
public final class IdentityFiles {
  private IdentityFiles() {}

  public static void apply(ContainerConfig cfg, ContainerPaths paths, Path rootfs) {
    IdentityConfig id = cfg.identity();
    try {
      if (!id.noPasswd()) {
        addUser(rootfs, cfg.user(), cfg.workingDir(), id.passwdEntry());
      }
      if (id.mapped()) {
        checkReachable(rootfs, id);
        for (Path f : List.of(paths.hostnameFile(), paths.hostsFile(), paths.resolvConf(), paths.containerEnv())) {
          if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
            Nodes.lchown(f, id.rootUid(), id.rootGid());
          }
        }
      }
    } catch (IOException e) {
      throw JpodException.system("writing the container's user entries: " + e.getMessage(), e);
    }
  }

  /**
   * The runtime mounts the root filesystem from inside the user namespace, as the mapped root: every
   * directory above it must be searchable for that uid, or runc fails with a bare "permission denied".
   */
  static void checkReachable(Path rootfs, IdentityConfig id) throws IOException {
    for (Path dir = rootfs.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
      int mode = (int) Files.getAttribute(dir, "unix:mode");
      int uid = (int) Files.getAttribute(dir, "unix:uid");
      int gid = (int) Files.getAttribute(dir, "unix:gid");
      boolean searchable = (mode & 01) != 0 || (uid == id.rootUid() && (mode & 0100) != 0)
          || (gid == id.rootGid() && (mode & 010) != 0);
      if (!searchable) {
        throw JpodException.system("the container's root (host uid " + id.rootUid() + ") cannot reach its root filesystem: "
            + dir + " is not searchable by others");
      }
    }
  }

  /**
   * podman 4.3.1: a numeric uid missing from /etc/passwd gets {@code UID:*:UID:GID:container user:WORKDIR:/bin/sh}
   * (or the {@code --passwd-entry} template with $USERNAME, $UID, $GID, $NAME, $HOME replaced), and a
   * gid missing from /etc/group gets {@code GID:x:GID:USERNAME}; without a group the uid stands for it.
   */
  static void addUser(Path rootfs, String user, String workDir, String template) throws IOException {
    if (user == null || user.isEmpty()) {
      return;
    }
    int colon = user.indexOf(':');
    String name = colon < 0 ? user : user.substring(0, colon);
    String group = colon < 0 ? null : user.substring(colon + 1);
    if (!isNumber(name)) {
      return;
    }
    Path passwd = rootfs.resolve("etc/passwd");
    Path groupFile = rootfs.resolve("etc/group");
    if (regular(passwd) && !hasId(passwd, name)) {
      String gid = group != null && isNumber(group) ? group : group == null ? "0" : gidOf(groupFile, group);
      String home = workDir == null || workDir.isEmpty() ? "/" : workDir;
      String entry = template != null
          ? template.replace("$USERNAME", name).replace("$UID", name).replace("$GID", gid)
              .replace("$NAME", "container user").replace("$HOME", home)
          : name + ":*:" + name + ":" + gid + ":container user:" + home + ":/bin/sh";
      append(passwd, entry);
    }
    String gid = group == null ? name : group;
    if (isNumber(gid) && regular(groupFile) && !hasId(groupFile, gid)) {
      append(groupFile, gid + ":x:" + gid + ":" + name);
    }
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  /** Only a regular file: a symlink in the image must not make jpod write outside the root filesystem. */
  private static boolean regular(Path p) {
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean hasId(Path file, String id) throws IOException {
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split(":", -1);
      if (f.length > 2 && f[2].equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static String gidOf(Path groupFile, String name) throws IOException {
    if (regular(groupFile)) {
      for (String line : Files.readAllLines(groupFile)) {
        String[] f = line.split(":", -1);
        if (f.length > 2 && f[0].equals(name)) {
          return f[2];
        }
      }
    }
    return "0";
  }

  private static void append(Path file, String line) throws IOException {
    String text = Files.readString(file);
    String prefix = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
    Files.writeString(file, prefix + line + "\n", StandardOpenOption.APPEND);
  }
}
