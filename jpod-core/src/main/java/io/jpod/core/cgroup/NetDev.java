package io.jpod.core.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Network byte counters of a network namespace, from {@code /proc/<pid>/net/dev} (loopback excluded). */
public record NetDev(long rxBytes, long txBytes) {
  public static NetDev read(Path netDev) {
    try {
      return parse(Files.readString(netDev));
    } catch (IOException e) {
      return new NetDev(0, 0);
    }
  }

  static NetDev parse(String text) {
    long rx = 0;
    long tx = 0;
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String iface = line.substring(0, colon).trim();
      if (iface.equals("lo")) {
        continue;
      }
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      if (f.length >= 9) {
        rx += Long.parseLong(f[0]);
        tx += Long.parseLong(f[8]);
      }
    }
    return new NetDev(rx, tx);
  }
}
