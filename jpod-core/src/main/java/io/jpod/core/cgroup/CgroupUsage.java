package io.jpod.core.cgroup;

import io.jpod.core.container.ContainerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of a container's cgroup counters (v1 memory/cpuacct/pids controllers, or the unified
 * hierarchy), for stats views. A container that just exited has no cgroup: its counters read as 0.
 *
 * @param memoryUsage bytes in use
 * @param memoryLimit the limit in bytes, or the host's memory when unlimited
 * @param cpuNanos CPU time used, in nanoseconds
 * @param pids processes (tasks) in the cgroup
 */
public record CgroupUsage(long memoryUsage, long memoryLimit, long cpuNanos, long pids) {

  public static CgroupUsage read(CgroupMode mode, ContainerConfig cfg) {
    String rel = cfg.cgroupParent() + "/libpod-" + cfg.id();
    boolean unified = !mode.legacy();
    long mem = number(unified ? cg("", rel, "memory.current") : cg("memory", rel, "memory.usage_in_bytes"));
    long limit = number(unified ? cg("", rel, "memory.max") : cg("memory", rel, "memory.limit_in_bytes"));
    long total = hostMemory();
    if (limit <= 0 || limit > total) {
      limit = total;
    }
    long cpu = unified ? number(cg("", rel, "cpu.stat")) * 1000 : number(cg("cpuacct", rel, "cpuacct.usage"));
    long pids = number(unified ? cg("", rel, "pids.current") : cg("pids", rel, "pids.current"));
    return new CgroupUsage(mem, limit, cpu, pids);
  }

  private static Path cg(String controller, String rel, String file) {
    Path root = Path.of("/sys/fs/cgroup");
    String r = rel.startsWith("/") ? rel.substring(1) : rel;
    return (controller.isEmpty() ? root : root.resolve(controller)).resolve(r).resolve(file);
  }

  /** The first number in a cgroup file (cpu.stat's usage_usec line is the first), or 0. */
  private static long number(Path file) {
    try {
      for (String tok : Files.readString(file).split("\\s+")) {
        if (tok.matches("\\d+")) {
          return Long.parseLong(tok);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no cgroup (any more): nothing to count
    }
    return 0;
  }

  /** MemTotal from /proc/meminfo, in bytes. */
  public static long hostMemory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return Long.MAX_VALUE;
  }

  /** The host's total CPU time (all CPUs, from /proc/stat's first line) in nanoseconds. */
  public static long systemCpuNanos() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
      long jiffies = 0;
      for (String tok : first.substring(3).strip().split("\\s+")) {
        jiffies += Long.parseLong(tok);
      }
      return jiffies * 10_000_000L; // USER_HZ is 100 on Linux
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
