package io.jpod.core.volume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The nosuid/nodev/noexec flags of the host filesystem a bind source lives on: podman (statfs(2) in
 * getDefaultMountOptions) puts them on the bind mount too, so a bind never grants more than its source
 * has. Read from {@code /proc/self/mountinfo}: the mount whose mount point is the longest prefix of the
 * source's real path, the last one listed winning (it is mounted over the others).
 */
final class HostMountFlags {
  private static final List<String> FLAGS = List.of("noexec", "nosuid", "nodev");

  private HostMountFlags() {}

  static Set<String> of(String source) {
    Set<String> out = new LinkedHashSet<>();
    try {
      String real = Path.of(source).toRealPath().toString();
      String bestPoint = null;
      String bestOptions = "";
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        if (f.length < 6) {
          continue;
        }
        String point = unescape(f[4]);
        boolean covers = real.equals(point) || point.equals("/") || real.startsWith(point + "/");
        if (covers && (bestPoint == null || point.length() >= bestPoint.length())) {
          bestPoint = point;
          bestOptions = f[5];
        }
      }
      List<String> options = List.of(bestOptions.split(","));
      for (String flag : FLAGS) {
        if (options.contains(flag)) {
          out.add(flag);
        }
      }
    } catch (IOException e) {
      // unknown: no extra flags, as podman when statfs is not reached
    }
    return out;
  }

  /** mountinfo escapes space, tab, newline and backslash as \\ooo. */
  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
