package io.jpod.core.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * User and group names of the host for tar headers: Go's archive/tar (and so podman's export and cp
 * archives) fills uname/gname by looking the numeric ids up on the host. Read once per archive.
 */
final class HostNames {
  private final Map<Integer, String> users;
  private final Map<Integer, String> groups;

  private HostNames(Map<Integer, String> users, Map<Integer, String> groups) {
    this.users = users;
    this.groups = groups;
  }

  static HostNames load() {
    return new HostNames(read(Path.of("/etc/passwd")), read(Path.of("/etc/group")));
  }

  /** No names at all (unit tests, or when names must not depend on the host). */
  static HostNames none() {
    return new HostNames(Map.of(), Map.of());
  }

  String user(int uid) {
    return users.getOrDefault(uid, "");
  }

  String group(int gid) {
    return groups.getOrDefault(gid, "");
  }

  /** name:x:id:... lines; the first name for an id wins, as getpwuid(3) returns it. */
  private static Map<Integer, String> read(Path file) {
    Map<Integer, String> out = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.split(":", -1);
        if (f.length > 2 && !f[0].isEmpty() && !line.startsWith("#")) {
          try {
            out.putIfAbsent(Integer.parseInt(f[2]), f[0]);
          } catch (NumberFormatException e) {
            // not an entry
          }
        }
      }
    } catch (IOException e) {
      // no names: the numeric ids are what matters
    }
    return out;
  }
}
