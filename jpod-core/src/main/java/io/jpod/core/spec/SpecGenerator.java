package io.jpod.core.spec;

import io.jpod.core.container.ContainerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@link ContainerConfig} into the OCI {@code config.json} podman 4.3.1 writes for a rootful
 * container (cgroupfs or systemd manager, no user namespace, not privileged).
 */
public final class SpecGenerator {
  /** Where podman bind-mounts the init binary ({@code define.ContainerInitPath}). */
  public static final String INIT_PATH = "/run/podman-init";

  /** containers-common 0.50.1 {@code DefaultMaskedPaths}. */
  public static final List<String> MASKED_PATHS = List.of(
      "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
      "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/fs/selinux",
      "/sys/dev/block");

  /** containers-common 0.50.1 {@code DefaultReadOnlyPaths}. */
  public static final List<String> READONLY_PATHS = List.of(
      "/proc/asound", "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  private static final List<String> BIND_OPTIONS = List.of("bind", "rprivate");

  /** Userdata files podman bind-mounts, in the order jpod writes them (podman's order is random). */
  private static final List<String[]> USERDATA_BINDS = List.of(
      new String[] {".containerenv", "/run/.containerenv"},
      new String[] {"hostname", "/etc/hostname"},
      new String[] {"resolv.conf", "/etc/resolv.conf"},
      new String[] {"hosts", "/etc/hosts"},
      new String[] {"localtime", "/etc/localtime"}); // only with --tz

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private SpecGenerator() {}

  public static RuntimeSpec generate(ContainerConfig cfg, SpecContext ctx) {
    var process = process(cfg, ctx);
    var root = new RuntimeSpec.Root(ctx.rootfs().toString(), cfg.security().readOnly() ? Boolean.TRUE : null);
    // A shared or host uts namespace keeps its owner's hostname: podman leaves the field out then.
    String hostname = "private".equals(cfg.namespaces().uts()) ? cfg.hostname() : null;
    return new RuntimeSpec(RuntimeSpec.OCI_VERSION, process, root, hostname, mounts(cfg, ctx),
        annotations(cfg), linux(cfg, ctx));
  }

  static RuntimeSpec.Process process(ContainerConfig cfg, SpecContext ctx) {
    var pu = ctx.user();
    var user = new RuntimeSpec.User(pu.uid(), pu.gid(), cfg.runOptions().umaskValue(),
        SecuritySpec.additionalGids(cfg.user(), pu, cfg.security().groupAdd(), ctx.rootfs()));
    var args = new ArrayList<String>();
    if (cfg.init()) {
      args.add(INIT_PATH);
      args.add("--");
    }
    args.addAll(cfg.processArgs());
    var rlimits = cfg.rlimits().stream()
        .map(r -> new RuntimeSpec.Rlimit(r.type(), r.hard(), r.soft()))
        .toList();
    return new RuntimeSpec.Process(cfg.tty() ? Boolean.TRUE : null, user, List.copyOf(args),
        env(cfg, pu), cfg.workingDir() == null || cfg.workingDir().isEmpty() ? "/" : cfg.workingDir(),
        capabilities(cfg), rlimits, cfg.noNewPrivileges() ? Boolean.TRUE : null, cfg.resources().oomScoreAdj());
  }

  /**
   * cfg.env() in order, then TERM and container (unless --unsetenv-all or --unsetenv took them out),
   * HOME and HOSTNAME when not already set.
   */
  static List<String> env(ContainerConfig cfg, ProcessUser user) {
    var env = new ArrayList<>(cfg.env());
    var run = cfg.runOptions();
    for (String[] d : new String[][] {{"TERM", "xterm"}, {"container", "podman"}}) {
      if (!run.unsetEnvAll() && !run.unsetEnv().contains(d[0])) {
        addIfAbsent(env, d[0], d[1]);
      }
    }
    addIfAbsent(env, "HOME", user.home() == null || user.home().isEmpty() ? "/" : user.home());
    addIfAbsent(env, "HOSTNAME", cfg.hostname());
    return List.copyOf(env);
  }

  private static void addIfAbsent(List<String> env, String key, String value) {
    if (value == null) {
      return;
    }
    for (String e : env) {
      int eq = e.indexOf('=');
      if ((eq < 0 ? e : e.substring(0, eq)).equals(key)) {
        return;
      }
    }
    env.add(key + "=" + value);
  }

  /**
   * podman 4.3.1 {@code securityConfigureGenerator}: bounding is always the capability set; a root
   * process has it effective and permitted too, another user's process only the --cap-add ones, which
   * are also inheritable and ambient so that they survive the exec of a non-root program.
   */
  static RuntimeSpec.Capabilities capabilities(ContainerConfig cfg) {
    var caps = cfg.capabilities();
    if (cfg.userIsRoot()) {
      return new RuntimeSpec.Capabilities(caps, caps, null, caps, null);
    }
    var user = cfg.security().userCaps().isEmpty() ? null : cfg.security().userCaps();
    return new RuntimeSpec.Capabilities(caps, user, user, user, user);
  }

  /**
   * podman's mount list after libpod's sort by destination depth: proc, /dev, /sys, /dev/pts,
   * /dev/mqueue, [init], /dev/shm, userdata binds, /sys/fs/cgroup.
   */
  static List<RuntimeSpec.Mount> mounts(ContainerConfig cfg, SpecContext ctx) {
    var m = new ArrayList<RuntimeSpec.Mount>();
    m.add(new RuntimeSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")));
    m.add(new RuntimeSpec.Mount("/dev", "tmpfs", "tmpfs",
        List.of("nosuid", "noexec", "strictatime", "mode=755", "size=65536k")));
    // Rootful podman keeps a fresh read-only sysfs even with --network host (canMountSys is true when
    // there is no user namespace); the /sys rbind is only for rootless/userns + host network.
    if (cfg.identity().mapped() && !"none".equals(cfg.networkMode()) && !"bridge".equals(cfg.networkMode())) {
      // sysfs can only be mounted by the owner of the network namespace; the host's or another
      // container's is not this container's (a bridge one is made by the runtime inside the user
      // namespace): the host's /sys, read-only, as podman does when it cannot mount it.
      m.add(new RuntimeSpec.Mount("/sys", "bind", "/sys", List.of("rprivate", "nosuid", "noexec", "nodev", "ro", "rbind")));
    } else {
      m.add(new RuntimeSpec.Mount("/sys", "sysfs", "sysfs", cfg.security().privileged()
          ? List.of("nosuid", "noexec", "nodev", "rw") : List.of("nosuid", "noexec", "nodev", "ro")));
    }
    m.add(new RuntimeSpec.Mount("/dev/pts", "devpts", "devpts",
        List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")));
    m.add(new RuntimeSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")));
    if (cfg.init()) {
      // addContainerInitBinary's ["bind","ro"] after util.ProcessOptions (adds the propagation).
      m.add(new RuntimeSpec.Mount(INIT_PATH, "bind", cfg.initPath(), List.of("bind", "ro", "rprivate")));
    }
    if ("none".equals(cfg.namespaces().ipc())) {
      // podman's --ipc none: no /dev/shm at all
    } else if (ctx.shmPath() != null) {
      m.add(new RuntimeSpec.Mount("/dev/shm", "bind", ctx.shmPath().toString(),
          List.of("bind", "rprivate", "nosuid", "noexec", "nodev")));
    } else {
      m.add(new RuntimeSpec.Mount("/dev/shm", "tmpfs", "shm",
          List.of("rprivate", "nosuid", "noexec", "nodev", "mode=1777", "size=" + cfg.shmSize())));
    }
    if (ctx.userdataDir() != null) {
      for (String[] b : USERDATA_BINDS) {
        boolean networkFile = b[0].equals("hosts") || b[0].equals("resolv.conf");
        Path dir = networkFile && ctx.networkFilesDir() != null ? ctx.networkFilesDir() : ctx.userdataDir();
        Path src = dir.resolve(b[0]);
        if (Files.exists(src)) {
          m.add(new RuntimeSpec.Mount(b[1], "bind", src.toString(), BIND_OPTIONS));
        }
      }
    }
    if (ctx.addCgroupMount()) {
      m.add(new RuntimeSpec.Mount("/sys/fs/cgroup", "cgroup", "cgroup",
          List.of("rprivate", "nosuid", "noexec", "nodev", "relatime", "ro")));
    }
    if (cfg.security().readOnly() && cfg.security().readOnlyTmpfs()) {
      // podman's --read-only-tmpfs: writable scratch space where programs expect it
      for (String dest : List.of("/tmp", "/var/tmp", "/run")) {
        m.add(new RuntimeSpec.Mount(dest, "tmpfs", "tmpfs",
            List.of("rw", "rprivate", "nosuid", "nodev", "tmpcopyup")));
      }
    }
    if (!ctx.userMounts().isEmpty()) {
      // A user mount wins over a default one at the same place (e.g. -v on /etc/hosts or --tmpfs
      // /dev/shm); then libpod's sort by depth, stable, so parents are mounted before children.
      var userDests = new java.util.HashSet<String>();
      ctx.userMounts().forEach(u -> userDests.add(cleanPath(u.destination())));
      m.removeIf(d -> userDests.contains(cleanPath(d.destination())));
      m.addAll(ctx.userMounts());
      m.sort(java.util.Comparator.comparingInt(x -> depth(x.destination())));
    }
    return List.copyOf(m);
  }

  private static String cleanPath(String p) {
    String n = Path.of("/").resolve(p).normalize().toString();
    return n.isEmpty() ? "/" : n;
  }

  private static int depth(String p) {
    String c = cleanPath(p);
    return c.equals("/") ? 0 : (int) c.chars().filter(ch -> ch == '/').count();
  }

  static Map<String, String> annotations(ContainerConfig cfg) {
    var a = new TreeMap<String, String>(cfg.annotations());
    a.put("io.container.manager", "libpod");
    a.put("io.kubernetes.cri-o.Created", goRfc3339Nano(cfg.created()));
    a.put("io.kubernetes.cri-o.TTY", Boolean.toString(cfg.tty()));
    a.put("io.podman.annotations.autoremove", cfg.autoRemove() ? "TRUE" : "FALSE");
    a.put("io.podman.annotations.init", cfg.init() ? "TRUE" : "FALSE");
    a.put("io.podman.annotations.privileged", cfg.security().privileged() ? "TRUE" : "FALSE");
    a.put("io.podman.annotations.publish-all", "FALSE");
    a.put("org.opencontainers.image.stopSignal", Integer.toString(cfg.stopSignal()));
    return a;
  }

  /** Go's {@code time.RFC3339Nano} in UTC: trailing zeros of the fraction (and a bare dot) dropped. */
  public static String goRfc3339Nano(Instant t) {
    String s = SECONDS.format(t);
    int nanos = t.getNano();
    if (nanos == 0) {
      return s + "Z";
    }
    String frac = String.format("%09d", nanos).replaceAll("0+$", "");
    return s + "." + frac + "Z";
  }

  static RuntimeSpec.Linux linux(ContainerConfig cfg, SpecContext ctx) {
    boolean hostNet = "host".equals(cfg.networkMode());
    var sysctl = new TreeMap<String, String>();
    cfg.sysctls().forEach((k, v) -> {
      // In a user namespace the runtime cannot write the net sysctls of a network namespace made outside
      // it (the host's, another container's); a bridge one it makes itself.
      boolean foreignNet = hostNet || (cfg.identity().mapped() && !"bridge".equals(cfg.networkMode()));
      if (!(foreignNet && k.startsWith("net."))) {
        sysctl.put(k, v);
      }
    });
    var resources = SecuritySpec.withDeviceRules(ResourceSpec.forCreate(cfg.resources(), cfg.pidsLimit()),
        cfg.security());
    var ns = new ArrayList<RuntimeSpec.Namespace>();
    var nsc = cfg.namespaces();
    addNamespace(ns, "pid", nsc.pid(), ctx);
    if (!hostNet) {
      String path = ctx.namespacePaths().getOrDefault("network", ctx.netnsPath());
      ns.add(new RuntimeSpec.Namespace("network", path));
    }
    addNamespace(ns, "ipc", nsc.ipc(), ctx);
    addNamespace(ns, "uts", nsc.uts(), ctx);
    ns.add(new RuntimeSpec.Namespace("mount", null));
    String cgroupns = cfg.identity().cgroupnsMode();
    if (cgroupns.startsWith("ns:")) {
      ns.add(new RuntimeSpec.Namespace("cgroup", cgroupns.substring(3)));
    } else if (cgroupns.equals("private")
        || (ctx.cgroupVersion() != null && ctx.cgroupVersion().isUnified() && ctx.privateCgroupNs())) {
      ns.add(new RuntimeSpec.Namespace("cgroup", null));
    }
    var id = cfg.identity();
    String userns = id.usernsMode();
    if (id.mapped() || userns.startsWith("ns:") || userns.startsWith("container:")) {
      addNamespace(ns, "user", userns, ctx);
    }
    return new RuntimeSpec.Linux(idMappings(id.uidMap()), idMappings(id.gidMap()), sysctl, resources,
        cgroupsPath(cfg, ctx), List.copyOf(ns),
        SecuritySpec.devices(cfg.security()), ctx.seccomp(),
        SecuritySpec.masked(MASKED_PATHS, cfg.security()), cfg.security().privileged() ? List.of() : READONLY_PATHS);
  }

  private static List<RuntimeSpec.IdMapping> idMappings(List<io.jpod.sys.IdMap> maps) {
    return maps.isEmpty() ? null
        : maps.stream().map(m -> new RuntimeSpec.IdMapping(m.containerId(), m.hostId(), m.size())).toList();
  }

  /**
   * A namespace by its mode: host adds nothing (the runtime keeps the host's), a joined one takes the
   * path the caller resolved (container:ID, ns:PATH), anything else is a new namespace.
   */
  private static void addNamespace(List<RuntimeSpec.Namespace> ns, String type, String mode, SpecContext ctx) {
    if ("host".equals(mode)) {
      return;
    }
    String path = ctx.namespacePaths().get(type);
    if (path == null && mode != null && mode.startsWith("ns:")) {
      path = mode.substring(3);
    }
    ns.add(new RuntimeSpec.Namespace(type, path));
  }

  /** cgroupfs: {@code <parent>/libpod-<id>}; systemd: {@code <slice>:libpod:<id>}; null when disabled. */
  public static String cgroupsPath(ContainerConfig cfg, SpecContext ctx) {
    if ("disabled".equals(cfg.cgroupsMode())) {
      return null;
    }
    String parent = cfg.cgroupParent();
    if (ctx.cgroupManager() == SpecContext.CgroupManager.SYSTEMD) {
      String slice = parent != null && parent.endsWith(".slice") ? parent : "machine.slice";
      return slice + ":libpod:" + cfg.id();
    }
    if (parent == null || parent.isEmpty()) {
      parent = "/libpod_parent";
    }
    return (parent.endsWith("/") ? parent : parent + "/") + "libpod-" + cfg.id();
  }
}
