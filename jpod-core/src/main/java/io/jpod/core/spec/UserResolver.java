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
      String home = passwd.stream().filter(p -> p.uid() == 0).map(PasswdEntry::home)
          .filter(h -> !h.isEmpty()).findFirst().orElse("/root");
      return new ProcessUser(0, 0, List.of(), home);
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
      for (GroupEntry g : groups) {
        if (g.members().contains(entry.name())) {
          additional.add(g.gid());
        }
      }
    }
    return new ProcessUser(uid, gid, new ArrayList<>(additional), home);
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
