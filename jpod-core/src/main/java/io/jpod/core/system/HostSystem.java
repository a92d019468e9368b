package io.jpod.core.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the host that {@code info} reports, read from /proc, /etc/os-release and dpkg the way
 * podman reads them. Every reader degrades to an empty or zero value: info must never fail because
 * one fact is unavailable.
 */
public final class HostSystem {
  private HostSystem() {}

  /** /etc/os-release's ID, VERSION_ID and VERSION_CODENAME, in podman's "distribution" shape. */
  public static Map<String, Object> distribution() {
    Map<String, String> osr = new LinkedHashMap<>();
    for (String l : lines(Path.of("/etc/os-release"))) {
      int eq = l.indexOf('=');
      if (eq > 0) {
        osr.put(l.substring(0, eq), unquote(l.substring(eq + 1)));
      }
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("distribution", osr.getOrDefault("ID", ""));
    d.put("version", osr.getOrDefault("VERSION_ID", ""));
    d.put("codename", osr.getOrDefault("VERSION_CODENAME", ""));
    return d;
  }

  /** The PRETTY_NAME of /etc/os-release (Docker's OperatingSystem), or "Linux". */
  public static String prettyName() {
    for (String l : lines(Path.of("/etc/os-release"))) {
      if (l.startsWith("PRETTY_NAME=")) {
        return unquote(l.substring("PRETTY_NAME=".length()));
      }
    }
    return "Linux";
  }

  /** A /proc/meminfo field (MemTotal, MemFree, SwapTotal...) in bytes, or 0. */
  public static long meminfo(String field) {
    for (String l : lines(Path.of("/proc/meminfo"))) {
      if (l.startsWith(field + ":")) {
        String[] parts = l.substring(field.length() + 1).trim().split("\\s+");
        try {
          return Long.parseLong(parts[0]) * (parts.length > 1 && parts[1].equals("kB") ? 1024 : 1);
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  public static int cpus() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Uptime as podman prints it: {@code 6h 40m 21.00s (Approximately 0.25 days)}. */
  public static String uptime() {
    List<String> l = lines(Path.of("/proc/uptime"));
    if (l.isEmpty()) {
      return "";
    }
    long secs = (long) Double.parseDouble(l.getFirst().split("\\s+")[0]);
    long h = secs / 3600;
    long m = secs % 3600 / 60;
    long s = secs % 60;
    return String.format("%dh %dm %.2fs (Approximately %.2f days)", h, m, (double) s, h / 24.0);
  }

  /**
   * CPU time since boot split into user, system and idle percentages, over user+nice+system+idle as
   * podman computes them (so the three add up to 100).
   */
  public static Map<String, Object> cpuUtilization() {
    Map<String, Object> u = new LinkedHashMap<>();
    for (String l : lines(Path.of("/proc/stat"))) {
      if (l.startsWith("cpu ")) {
        String[] f = l.trim().split("\\s+");
        double user = Double.parseDouble(f[1]) + Double.parseDouble(f[2]);
        double system = Double.parseDouble(f[3]);
        double idle = Double.parseDouble(f[4]);
        double total = user + system + idle;
        u.put("userPercent", round2(total == 0 ? 0 : user * 100 / total));
        u.put("systemPercent", round2(total == 0 ? 0 : system * 100 / total));
        u.put("idlePercent", round2(total == 0 ? 0 : idle * 100 / total));
        return u;
      }
    }
    u.put("userPercent", 0.0);
    u.put("systemPercent", 0.0);
    u.put("idlePercent", 0.0);
    return u;
  }

  /**
   * The cgroup controllers containers can use: on v2 those of the root's cgroup.controllers, on v1
   * the enabled ones mounted in a hierarchy (/proc/cgroups, hierarchy id not 0).
   */
  public static List<String> cgroupControllers(boolean v2) {
    List<String> out = new ArrayList<>();
    if (v2) {
      for (String l : lines(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
        out.addAll(List.of(l.trim().split("\\s+")));
      }
      out.removeIf(String::isEmpty);
      return out;
    }
    for (String l : lines(Path.of("/proc/cgroups"))) {
      String[] f = l.trim().split("\\s+");
      if (f.length >= 4 && !f[0].startsWith("#") && !f[1].equals("0") && f[3].equals("1")) {
        out.add(f[0]);
      }
    }
    return out;
  }

  /** The Debian package that owns {@code path}, as {@code name_version_arch}, or "" when dpkg does not know it. */
  public static String packageOf(String path) {
    if (path == null || path.isEmpty()) {
      return "";
    }
    String owner = run("dpkg", "-S", path);
    int colon = owner.indexOf(':');
    if (colon <= 0) {
      return "";
    }
    String pkg = owner.substring(0, colon).trim();
    return run("dpkg-query", "-W", "-f=${Package}_${Version}_${Architecture}", pkg).trim();
  }

  /** The output of {@code program --version}, trimmed, or "". */
  public static String versionOf(String program) {
    return program == null || program.isEmpty() ? "" : run(program, "--version").strip();
  }

  private static String run(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      return p.exitValue() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String unquote(String v) {
    return v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v;
  }

  private static List<String> lines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
