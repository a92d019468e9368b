package io.jpod.core.spec;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Resolves a container's {@code --user} ("", "name", "uid", "name:group", "uid:gid") against the
 * rootfs's /etc/passwd and /etc/group, like podman's {@code lookup.GetUserGroupInfo} (runc's user
 * package). Files are opened through {@link RootfsPaths} so symlinks cannot escape the rootfs.
 */
public final class UserResolver {
  private UserResolver() {}

  record PasswdEntry(String name, long uid, long gid, String home) {}

  record GroupEntry(String name, long gid, List<String> members) {}

  public static ProcessUser resolve(Path rootfs, String user) {
    List<PasswdEntry> passwd = readPasswd(rootfs);
    String spec = user == null ? "" : user;
    if (spec.isEmpty()) {
      // No user: root, with the groups that list root's name (podman looks the empty user up as uid 0).
      PasswdEntry root = passwd.stream().filter(p -> p.uid() == 0).findFirst().orElse(null);
      String home = root != null && !root.home().isEmpty() ? root.home() : "/root";
      return new ProcessUser(0, 0, root == null ? List.of() : groupsListing(readGroups(rootfs), root.name()), home);
    }
    int colon = spec.indexOf(':');
    String userPart = colon < 0 ? spec : spec.substring(0, colon);
    String groupPart = colon < 0 ? null : spec.substring(colon + 1);

    Long numericUid = parseId(userPart);
    PasswdEntry entry = passwd.stream()
        .filter(p -> numericUid != null ? p.uid() == numericUid : p.name().equals(userPart))
        .findFirst().orElse(null);
    if (entry == null && numericUid == null) {
      throw JpodException.invalid("unable to find user " + userPart + ": no matching entries in passwd file");
    }
    long uid = entry != null ? entry.uid() : numericUid;
    long gid = entry != null ? entry.gid() : 0;
    String home = entry != null && !entry.home().isEmpty() ? entry.home() : "/";

    List<GroupEntry> groups = readGroups(rootfs);
    var additional = new LinkedHashSet<Long>();
    if (groupPart != null && !groupPart.isEmpty()) {
      Long numericGid = parseId(groupPart);
      GroupEntry g = groups.stream()
          .filter(e -> numericGid != null ? e.gid() == numericGid : e.name().equals(groupPart))
          .findFirst().orElse(null);
      if (g == null && numericGid == null) {
        throw JpodException.invalid("unable to find group " + groupPart + ": no matching entries in group file");
      }
      gid = g != null ? g.gid() : numericGid;
    } else if (entry != null) {
      // podman adds the groups listing the user only when no group was given explicitly.
      additional.addAll(groupsListing(groups, entry.name()));
    }
    return new ProcessUser(uid, gid, new ArrayList<>(additional), home);
  }

  /**
   * The user an exec session runs as, as podman computes it: the exec's own user with its groups, or,
   * without one, the container's user with its --group-add groups, but not the primary gid that the
   * container's own process gets.
   */
  public static ProcessUser forExec(Path rootfs, String execUser, String containerUser, List<String> containerGroupAdd) {
    boolean inherit = execUser == null || execUser.isEmpty();
    String user = inherit ? containerUser : execUser;
    boolean userSet = user != null && !user.isEmpty();
    ProcessUser u = resolve(rootfs, user);
    var gids = new LinkedHashSet<Long>(inherit ? groupAddGids(containerGroupAdd, rootfs) : List.of());
    if (userSet) {
      gids.addAll(u.additionalGids());
    }
    return new ProcessUser(u.uid(), u.gid(), List.copyOf(gids), u.home());
  }

  /** --group-add values as gids: numbers as they are, names looked up in the image's /etc/group. */
  public static List<Long> groupAddGids(List<String> groupAdd, Path rootfs) {
    var out = new LinkedHashSet<Long>();
    for (String g : groupAdd) {
      if (g.equals("keep-groups")) {
        continue;
      }
      if (g.chars().allMatch(Character::isDigit)) {
        out.add(Long.parseLong(g));
        continue;
      }
      out.add(groupId(g, rootfs));
    }
    return List.copyOf(out);
  }

  private static long groupId(String name, Path rootfs) {
    // read through the rootfs-confined reader: an image's /etc/group may be a symlink out of it
    return readGroups(rootfs).stream().filter(g -> g.name().equals(name)).map(GroupEntry::gid).findFirst()
        .orElseThrow(() -> JpodException.invalid("unable to find group " + name + ": no matching entries in group file"));
  }

  private static List<Long> groupsListing(List<GroupEntry> groups, String name) {
    return groups.stream().filter(g -> g.members().contains(name)).map(GroupEntry::gid).distinct().toList();
  }

  private static Long parseId(String s) {
    if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static List<PasswdEntry> readPasswd(Path rootfs) {
    var out = new ArrayList<PasswdEntry>();
    for (String line : readLines(rootfs, "/etc/passwd")) {
      String[] f = line.split(":", -1);
      if (f.length < 4) {
        continue;
      }
      Long uid = parseId(f[2].trim());
      Long gid = parseId(f[3].trim());
      if (uid == null || gid == null) {
        continue;
      }
      out.add(new PasswdEntry(f[0], uid, gid, f.length > 5 ? f[5] : ""));
    }
    return out;
  }

  static List<GroupEntry> readGroups(Path rootfs) {
    var out = new ArrayList<GroupEntry>();
    for (String line : readLines(rootfs, "/etc/group")) {
      String[] f = line.split(":", -1);
      if (f.length < 3) {
        continue;
      }
      Long gid = parseId(f[2].trim());
      if (gid == null) {
        continue;
      }
      var members = new ArrayList<String>();
      if (f.length > 3) {
        for (String m : f[3].split(",")) {
          if (!m.isBlank()) {
            members.add(m.trim());
          }
        }
      }
      out.add(new GroupEntry(f[0], gid, members));
    }
    return out;
  }

  private static List<String> readLines(Path rootfs, String inside) {
    try {
      Path p = RootfsPaths.resolve(rootfs, inside);
      if (!RootfsPaths.isFile(p)) {
        return List.of();
      }
      var lines = new ArrayList<String>();
      for (String l : new String(Files.readAllBytes(p), StandardCharsets.UTF_8).split("\n")) {
        String t = l.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          lines.add(t);
        }
      }
      return lines;
    } catch (IOException e) {
      return List.of();
    }
  }
}
