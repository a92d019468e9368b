package io.jpod.core.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One sample of a container's cgroup counters, read from v1 controller files or the v2 unified files.
 *
 * @param cpuNanos CPU time used, nanoseconds
 * @param memoryUsage bytes in use, without the inactive page cache (what podman shows)
 * @param memoryLimit the limit in bytes, 0 when unlimited
 * @param blockRead bytes read from block devices
 * @param blockWrite bytes written to block devices
 * @param pids processes and threads in the group
 * @param throttledPeriods CFS periods in which the group was throttled
 * @param throttledNanos total time throttled, nanoseconds
 */
public record CgroupStats(long cpuNanos, long memoryUsage, long memoryLimit, long blockRead, long blockWrite,
    long pids, long throttledPeriods, long throttledNanos) {

  /** v1 and v2 "no limit" values are huge; anything past this is treated as unlimited. */
  private static final long UNLIMITED = Long.MAX_VALUE / 2;

  /** Reads the group {@code path} (e.g. /libpod_parent/libpod-ID) under {@code root} (/sys/fs/cgroup). */
  public static CgroupStats read(Path root, CgroupMode mode, String path) {
    String rel = path.startsWith("/") ? path.substring(1) : path;
    return mode == CgroupMode.V2 ? readV2(root.resolve(rel)) : readV1(root, rel);
  }

  static CgroupStats readV1(Path root, String rel) {
    Path mem = root.resolve("memory").resolve(rel);
    long usage = number(mem.resolve("memory.usage_in_bytes"));
    long inactive = statValue(mem.resolve("memory.stat"), "total_inactive_file");
    long limit = number(mem.resolve("memory.limit_in_bytes"));
    Path cpuacct = root.resolve("cpuacct").resolve(rel);
    Path cpu = root.resolve("cpu").resolve(rel);
    Path blkio = root.resolve("blkio").resolve(rel);
    long read = 0;
    long write = 0;
    for (String line : lines(blkio.resolve("blkio.throttle.io_service_bytes"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3) {
        if (f[1].equals("Read")) {
          read += parse(f[2]);
        } else if (f[1].equals("Write")) {
          write += parse(f[2]);
        }
      }
    }
    return new CgroupStats(number(cpuacct.resolve("cpuacct.usage")), Math.max(0, usage - inactive),
        limit >= UNLIMITED ? 0 : limit, read, write, number(root.resolve("pids").resolve(rel).resolve("pids.current")),
        statValue(cpu.resolve("cpu.stat"), "nr_throttled"), statValue(cpu.resolve("cpu.stat"), "throttled_time"));
  }

  static CgroupStats readV2(Path dir) {
    long usage = number(dir.resolve("memory.current"));
    long inactive = statValue(dir.resolve("memory.stat"), "inactive_file");
    long limit = number(dir.resolve("memory.max"));
    long read = 0;
    long write = 0;
    for (String line : lines(dir.resolve("io.stat"))) {
      for (String kv : line.trim().split("\\s+")) {
        if (kv.startsWith("rbytes=")) {
          read += parse(kv.substring(7));
        } else if (kv.startsWith("wbytes=")) {
          write += parse(kv.substring(7));
        }
      }
    }
    Path cpuStat = dir.resolve("cpu.stat");
    return new CgroupStats(statValue(cpuStat, "usage_usec") * 1000, Math.max(0, usage - inactive),
        limit >= UNLIMITED ? 0 : limit, read, write,
        number(dir.resolve("pids.current")), statValue(cpuStat, "nr_throttled"),
        statValue(cpuStat, "throttled_usec") * 1000);
  }

  /** A file holding one number; "max", missing or unreadable files read as 0. */
  private static long number(Path file) {
    List<String> l = lines(file);
    return l.isEmpty() ? 0 : parse(l.get(0).trim());
  }

  /** The value of {@code key} in a "key value" file such as memory.stat or cpu.stat; 0 when absent. */
  private static long statValue(Path file, String key) {
    for (String line : lines(file)) {
      int sp = line.indexOf(' ');
      if (sp > 0 && line.substring(0, sp).equals(key)) {
        return parse(line.substring(sp + 1).trim());
      }
    }
    return 0;
  }

  private static long parse(String s) {
    try {
      long v = Long.parseUnsignedLong(s);
      return v < 0 ? Long.MAX_VALUE : v; // past int64: the "no limit" values
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
