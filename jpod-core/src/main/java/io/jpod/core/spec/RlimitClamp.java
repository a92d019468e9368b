package io.jpod.core.spec;

import io.jpod.core.container.ContainerConfig.Rlimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Keeps requested rlimits within what the runtime can set. Without CAP_SYS_RESOURCE even root cannot
 * raise a hard limit above its own, and runc then fails with "error setting rlimit type N: operation not
 * permitted"; so soft and hard are clamped to the host's hard limit. -1 means unlimited throughout.
 */
public final class RlimitClamp {
  /** podman's {@code define.RLimitDefaultValue} for RLIMIT_NOFILE. */
  public static final long DEFAULT_NOFILE = 1_048_576L;
  /** Fallback for RLIMIT_NPROC when /proc/sys/kernel/pid_max cannot be read. */
  public static final long DEFAULT_NPROC = 4_194_304L;

  private static final int CAP_SYS_RESOURCE = 24;

  private static final Map<String, String> PROC_NAMES = Map.ofEntries(
      Map.entry("Max cpu time", "RLIMIT_CPU"), Map.entry("Max file size", "RLIMIT_FSIZE"),
      Map.entry("Max data size", "RLIMIT_DATA"), Map.entry("Max stack size", "RLIMIT_STACK"),
      Map.entry("Max core file size", "RLIMIT_CORE"), Map.entry("Max resident set", "RLIMIT_RSS"),
      Map.entry("Max processes", "RLIMIT_NPROC"), Map.entry("Max open files", "RLIMIT_NOFILE"),
      Map.entry("Max locked memory", "RLIMIT_MEMLOCK"), Map.entry("Max address space", "RLIMIT_AS"),
      Map.entry("Max file locks", "RLIMIT_LOCKS"), Map.entry("Max pending signals", "RLIMIT_SIGPENDING"),
      Map.entry("Max msgqueue size", "RLIMIT_MSGQUEUE"), Map.entry("Max nice priority", "RLIMIT_NICE"),
      Map.entry("Max realtime priority", "RLIMIT_RTPRIO"), Map.entry("Max realtime timeout", "RLIMIT_RTTIME"));

  private RlimitClamp() {}

  /**
   * Clamps each limit when {@code canRaise} is false: hard becomes min(hard, hostHard) and soft
   * min(soft, new hard), treating -1 as infinite. A null or -1 host hard limit leaves the entry alone.
   */
  public static List<Rlimit> clamp(List<Rlimit> requested, Function<String, Long> hostHard, boolean canRaise) {
    if (canRaise) {
      return List.copyOf(requested);
    }
    var out = new ArrayList<Rlimit>(requested.size());
    for (Rlimit r : requested) {
      Long max = hostHard.apply(normalize(r.type()));
      if (max == null || max < 0) {
        out.add(r);
        continue;
      }
      long hard = lessOrEqual(r.hard(), max) ? r.hard() : max;
      long soft = lessOrEqual(r.soft(), hard) ? r.soft() : hard;
      out.add(new Rlimit(r.type(), soft, hard));
    }
    return List.copyOf(out);
  }

  /** podman's defaults (nofile 1048576, nproc = pid_max) when nothing is configured, already clamped. */
  public static List<Rlimit> defaults(Function<String, Long> hostHard, boolean canRaise, long pidMax) {
    return withDefaults(List.of(), hostHard, canRaise, pidMax);
  }

  /**
   * The requested limits followed by podman's NOFILE and NPROC defaults for whichever of the two was not
   * requested (podman {@code addRlimits}), all clamped.
   */
  public static List<Rlimit> withDefaults(
      List<Rlimit> requested, Function<String, Long> hostHard, boolean canRaise, long pidMax) {
    var all = new ArrayList<>(requested);
    boolean nofile = requested.stream().anyMatch(r -> normalize(r.type()).equals("RLIMIT_NOFILE"));
    boolean nproc = requested.stream().anyMatch(r -> normalize(r.type()).equals("RLIMIT_NPROC"));
    if (!nofile) {
      all.add(new Rlimit("RLIMIT_NOFILE", DEFAULT_NOFILE, DEFAULT_NOFILE));
    }
    if (!nproc) {
      long n = pidMax > 0 ? pidMax : DEFAULT_NPROC;
      all.add(new Rlimit("RLIMIT_NPROC", n, n));
    }
    return clamp(all, hostHard, canRaise);
  }

  /** Same as {@link #withDefaults(List, Function, boolean, long)} using this host's facts. */
  public static List<Rlimit> forHost(List<Rlimit> requested) {
    Map<String, Long> host = hostHardLimits();
    return withDefaults(requested, host::get, canRaiseHardLimits(), pidMax());
  }

  /** "nofile", "NOFILE" and "RLIMIT_NOFILE" all become "RLIMIT_NOFILE". */
  public static String normalize(String type) {
    String t = type.toUpperCase(Locale.ROOT);
    return t.startsWith("RLIMIT_") ? t : "RLIMIT_" + t;
  }

  private static boolean lessOrEqual(long value, long max) {
    return value >= 0 && value <= max;
  }

  /** The hard limits of this process from /proc/self/limits (-1 = unlimited). */
  public static Map<String, Long> hostHardLimits() {
    try {
      return parseProcLimits(io.jpod.common.KernelFiles.read(Path.of("/proc/self/limits")));
    } catch (IOException e) {
      return Map.of();
    }
  }

  /** Parses the text of /proc/PID/limits into RLIMIT_* → hard limit. */
  public static Map<String, Long> parseProcLimits(String text) {
    var out = new HashMap<String, Long>();
    for (String line : text.split("\n")) {
      if (line.length() < 26 || line.startsWith("Limit")) {
        continue;
      }
      String type = PROC_NAMES.get(line.substring(0, 26).strip());
      String[] f = line.substring(26).trim().split("\\s+");
      if (type == null || f.length < 2) {
        continue;
      }
      out.put(type, f[1].equals("unlimited") ? -1L : Long.parseLong(f[1]));
    }
    return out;
  }

  /** True when this process has CAP_SYS_RESOURCE in its effective set. */
  public static boolean canRaiseHardLimits() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          long eff = Long.parseUnsignedLong(line.substring(7).trim(), 16);
          return (eff & (1L << CAP_SYS_RESOURCE)) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return false;
  }

  /** /proc/sys/kernel/pid_max, or {@link #DEFAULT_NPROC} if unreadable. */
  public static long pidMax() {
    try {
      return Long.parseLong(io.jpod.common.KernelFiles.read(Path.of("/proc/sys/kernel/pid_max")).trim());
    } catch (IOException | NumberFormatException e) {
      return DEFAULT_NPROC;
    }
  }
}
