package io.jpod.core.container;

import io.jpod.common.GoDuration;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The table {@code podman top} prints: podman's psgo descriptors, read from /proc, with pids as the
 * container's own pid namespace numbers them and user and group names from the container's
 * /etc/passwd and /etc/group.
 */
public final class ProcessTable {
  /** podman top's columns when none are asked for. */
  public static final List<String> DEFAULT = List.of("user", "pid", "ppid", "pcpu", "etime", "tty", "time", "args");

  private static final Map<String, String> HEADERS = headers();
  private static final long CLK_TCK = 100;
  private static final String[] CAPS = {"CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID",
      "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK",
      "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT",
      "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL",
      "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
      "CHECKPOINT_RESTORE"};

  private final Path proc;

  public ProcessTable(Path proc) {
    this.proc = proc;
  }

  public static ProcessTable system() {
    return new ProcessTable(Path.of("/proc"));
  }

  /** psgo's AIX format codes and the descriptor each stands for. */
  private static final Map<String, String> AIX = Map.ofEntries(Map.entry("%C", "pcpu"), Map.entry("%G", "group"),
      Map.entry("%P", "ppid"), Map.entry("%U", "user"), Map.entry("%a", "args"), Map.entry("%c", "comm"),
      Map.entry("%g", "rgroup"), Map.entry("%n", "nice"), Map.entry("%p", "pid"), Map.entry("%r", "pgid"),
      Map.entry("%t", "etime"), Map.entry("%u", "ruser"), Map.entry("%x", "time"), Map.entry("%y", "tty"),
      Map.entry("%z", "vsz"));

  /** The descriptors in top's arguments, which may each hold several, separated by commas or blanks. */
  public static List<String> descriptors(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      for (String d : a.split("[,\\s]+")) {
        if (!d.isEmpty()) {
          out.add(d);
        }
      }
    }
    return out;
  }

  /** Whether psgo knows the descriptor or AIX code (else podman hands the request to the container's ps). */
  public static boolean knows(String descriptor) {
    return HEADERS.containsKey(AIX.getOrDefault(descriptor, descriptor));
  }

  /**
   * The processes of a container, by host pid: its init process, its descendants, and whatever else
   * shares init's cgroups (exec sessions, whose parent is their own conmon).
   */
  public static List<Long> processesOf(long init) {
    java.util.TreeSet<Long> out = new java.util.TreeSet<>();
    out.add(init);
    ProcessHandle.of(init).ifPresent(h -> h.descendants().forEach(d -> out.add(d.pid())));
    Path proc = Path.of("/proc");
    String cgroups = cgroups(proc, init);
    if (cgroups != null && !cgroups.isBlank()) {
      try (var dirs = Files.newDirectoryStream(proc)) {
        for (Path d : dirs) {
          String name = d.getFileName().toString();
          if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && cgroups.equals(cgroups(proc, Long.parseLong(name)))) {
            out.add(Long.parseLong(name));
          }
        }
      } catch (IOException e) {
        // the descendants alone, then
      }
    }
    return new ArrayList<>(out);
  }

  private static String cgroups(Path proc, long pid) {
    try {
      return Files.readString(proc.resolve(pid + "/cgroup"));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The header row and one row per process, in the order of {@code hostPids}. {@code namesFrom} is the
   * process whose root holds the /etc/passwd and /etc/group that name users and groups.
   */
  public List<List<String>> rows(List<Long> hostPids, List<String> descriptors, long namesFrom) {
    List<String> ds = descriptors.isEmpty() ? DEFAULT : descriptors.stream().map(d -> AIX.getOrDefault(d, d)).toList();
    for (String d : ds) {
      if (!knows(d)) {
        throw JpodException.invalid("unknown descriptor: " + d);
      }
    }
    Names users = Names.read(proc.resolve(namesFrom + "/root/etc/passwd"));
    Names groups = Names.read(proc.resolve(namesFrom + "/root/etc/group"));
    long bootNanos = bootTime() * 1_000_000_000L;
    Instant now = Instant.now();
    long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    List<List<String>> out = new ArrayList<>();
    out.add(ds.stream().map(HEADERS::get).toList());
    for (long pid : hostPids) {
      Proc p;
      try {
        p = read(pid);
      } catch (IOException e) {
        continue; // gone since it was listed
      }
      long startNanos = bootNanos + p.startTicks * (1_000_000_000L / CLK_TCK);
      long elapsed = Math.max(0, nowNanos - startNanos);
      List<String> row = new ArrayList<>();
      for (String d : ds) {
        row.add(value(d, p, users, groups, startNanos, elapsed));
      }
      out.add(row);
    }
    return out;
  }

  private String value(String d, Proc p, Names users, Names groups, long startNanos, long elapsed) {
    // psgo (podman's top) counts CPU time in whole seconds: 0.4 s of CPU shows as "0s" and 0.000 %CPU.
    long cpuSeconds = (p.utime + p.stime) / CLK_TCK;
    return switch (d) {
      case "user" -> users.name(p.status.uid(1));
      case "ruser" -> users.name(p.status.uid(0));
      case "huser" -> Long.toString(p.status.uid(1));
      case "group" -> groups.name(p.status.gid(1));
      case "rgroup" -> groups.name(p.status.gid(0));
      case "hgroup" -> Long.toString(p.status.gid(1));
      case "pid" -> Long.toString(p.status.nsPid());
      case "hpid" -> Long.toString(p.pid);
      case "ppid" -> Long.toString(parentNsPid(p));
      case "pgid" -> Long.toString(p.pgid);
      case "nice" -> Long.toString(p.nice);
      case "pcpu" -> String.format(Locale.ROOT, "%.3f",
          elapsed == 0 ? 0.0 : cpuSeconds / (elapsed / 1e9) * 100);
      case "etime" -> GoDuration.format(elapsed);
      case "time" -> GoDuration.format(cpuSeconds * 1_000_000_000L);
      case "stime" -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT)
          .format(Instant.ofEpochSecond(startNanos / 1_000_000_000L).atZone(ZoneId.systemDefault()));
      case "tty" -> tty(p.ttyNr);
      case "state" -> p.state;
      case "comm" -> p.comm;
      case "args" -> p.args.isEmpty() ? "[" + p.comm + "]" : p.args;
      case "vsz" -> Long.toString(p.vsizeBytes / 1024);
      case "rss" -> Long.toString(p.rssPages * 4);
      case "seccomp" -> switch (p.status.get("Seccomp")) {
        case "1" -> "strict";
        case "2" -> "filter";
        default -> "disabled";
      };
      case "label" -> label(p.pid);
      case "capamb" -> caps(p.status.get("CapAmb"));
      case "capbnd" -> caps(p.status.get("CapBnd"));
      case "capeff" -> caps(p.status.get("CapEff"));
      case "capinh" -> caps(p.status.get("CapInh"));
      case "capprm" -> caps(p.status.get("CapPrm"));
      default -> throw JpodException.invalid("unknown descriptor: " + d);
    };
  }

  private long parentNsPid(Proc p) {
    if (p.ppid <= 0) {
      return 0;
    }
    try {
      Status parent = Status.read(proc.resolve(p.ppid + "/status"));
      // a parent outside the container's pid namespace (conmon) shows as 0, as in the container
      return parent.nsDepth() == p.status.nsDepth() ? parent.nsPid() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private String label(long pid) {
    try {
      return Files.readString(proc.resolve(pid + "/attr/current")).replace("\0", "").strip();
    } catch (IOException e) {
      return "";
    }
  }

  static String caps(String hex) {
    if (hex == null || hex.isEmpty()) {
      return "none";
    }
    long mask = Long.parseUnsignedLong(hex, 16);
    if (mask == 0) {
      return "none";
    }
    long all = (1L << CAPS.length) - 1;
    if ((mask & all) == all) {
      return "full";
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      if ((mask & (1L << i)) != 0) {
        names.add(i < CAPS.length ? CAPS[i] : "CAP_" + i);
      }
    }
    names.sort(null);
    return String.join(",", names);
  }

  static String tty(long ttyNr) {
    if (ttyNr == 0) {
      return "?";
    }
    long major = (ttyNr >> 8) & 0xfff;
    long minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
    if (major >= 136 && major <= 143) {
      return "pts/" + ((major - 136) * 256 + minor);
    }
    if (major == 4 && minor < 64) {
      return "tty" + minor;
    }
    return "?";
  }

  private long bootTime() {
    try {
      for (String line : Files.readAllLines(proc.resolve("stat"))) {
        if (line.startsWith("btime ")) {
          return Long.parseLong(line.substring(6).strip());
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return 0;
  }

  private Proc read(long pid) throws IOException {
    Path dir = proc.resolve(Long.toString(pid));
    String stat = Files.readString(dir.resolve("stat"));
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    String comm = stat.substring(open + 1, close);
    // fields after the command, counted from 3 (state) as proc(5) numbers them
    String[] f = stat.substring(close + 2).split(" ");
    byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
    String args = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
    return new Proc(pid, comm, f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[4]),
        Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[16]), Long.parseLong(f[19]),
        Long.parseLong(f[20]), Long.parseLong(f[21]), args, Status.read(dir.resolve("status")));
  }

  private record Proc(long pid, String comm, String state, long ppid, long pgid, long ttyNr, long utime, long stime,
      long nice, long startTicks, long vsizeBytes, long rssPages, String args, Status status) {}

  /** /proc/PID/status as key → value. */
  private record Status(Map<String, String> fields) {
    static Status read(Path file) throws IOException {
      Map<String, String> m = new HashMap<>();
      for (String line : Files.readAllLines(file)) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          m.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
      }
      return new Status(m);
    }

    String get(String key) {
      return fields.getOrDefault(key, "");
    }

    /** The pid in the innermost pid namespace (the container's). */
    long nsPid() {
      String[] ns = get("NSpid").split("\\s+");
      return Long.parseLong(ns[ns.length - 1]);
    }

    int nsDepth() {
      return get("NSpid").split("\\s+").length;
    }

    long uid(int which) {
      return Long.parseLong(get("Uid").split("\\s+")[which]);
    }

    long gid(int which) {
      return Long.parseLong(get("Gid").split("\\s+")[which]);
    }
  }

  /** id → name from an /etc/passwd or /etc/group; unknown ids print as numbers. */
  private record Names(Map<Long, String> byId) {
    static Names read(Path file) {
      Map<Long, String> m = new HashMap<>();
      try {
        for (String line : Files.readAllLines(file)) {
          String[] f = line.split(":");
          if (f.length > 2) {
            try {
              m.putIfAbsent(Long.parseLong(f[2]), f[0]);
            } catch (NumberFormatException e) {
              // not an entry
            }
          }
        }
      } catch (IOException e) {
        // no such file in the container: numbers
      }
      return new Names(m);
    }

    String name(long id) {
      return byId.getOrDefault(id, Long.toString(id));
    }
  }

  private static Map<String, String> headers() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("args", "COMMAND");
    m.put("capamb", "AMBIENT CAPS");
    m.put("capbnd", "BOUNDING CAPS");
    m.put("capeff", "EFFECTIVE CAPS");
    m.put("capinh", "INHERITED CAPS");
    m.put("capprm", "PERMITTED CAPS");
    m.put("comm", "COMMAND");
    m.put("etime", "ELAPSED");
    m.put("group", "GROUP");
    m.put("hgroup", "HGROUP");
    m.put("hpid", "HPID");
    m.put("huser", "HUSER");
    m.put("label", "LABEL");
    m.put("nice", "NI");
    m.put("pcpu", "%CPU");
    m.put("pgid", "PGID");
    m.put("pid", "PID");
    m.put("ppid", "PPID");
    m.put("rgroup", "RGROUP");
    m.put("rss", "RSS");
    m.put("ruser", "RUSER");
    m.put("seccomp", "SECCOMP");
    m.put("state", "STATE");
    m.put("stime", "STIME");
    m.put("time", "TIME");
    m.put("tty", "TTY");
    m.put("user", "USER");
    m.put("vsz", "VSZ");
    return m;
  }

  /** The descriptor names, for help and checks. */
  public static Set<String> descriptors() {
    return HEADERS.keySet();
  }
}
