package io.jpod.core.container;

import io.jpod.common.JpodException;
import io.jpod.core.LibpodOptions;
import io.jpod.core.naming.Ids;
import io.jpod.core.spec.RlimitClamp;
import io.jpod.sys.Processes;
import io.jpod.sys.Rlimits;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link ContainerSpec} plus the image's defaults and containers.conf into the immutable
 * {@link ContainerConfig}, validating everything before anything is created.
 */
public final class ContainerFactory {
  private static final List<String> ALL_CAPS =
      List.of(
          "CAP_AUDIT_CONTROL", "CAP_AUDIT_READ", "CAP_AUDIT_WRITE", "CAP_BLOCK_SUSPEND", "CAP_BPF",
          "CAP_CHECKPOINT_RESTORE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
          "CAP_FSETID", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_KILL", "CAP_LEASE", "CAP_LINUX_IMMUTABLE",
          "CAP_MAC_ADMIN", "CAP_MAC_OVERRIDE", "CAP_MKNOD", "CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE",
          "CAP_NET_BROADCAST", "CAP_NET_RAW", "CAP_PERFMON", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
          "CAP_SETUID", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_CHROOT", "CAP_SYS_MODULE", "CAP_SYS_NICE",
          "CAP_SYS_PACCT", "CAP_SYS_PTRACE", "CAP_SYS_RAWIO", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
          "CAP_SYS_TTY_CONFIG", "CAP_SYSLOG", "CAP_WAKE_ALARM");

  private final LibpodOptions options;
  private final Ids ids;
  private final java.util.function.Function<String, ContainerConfig> containers;
  private final java.util.function.Supplier<List<ContainerConfig>> allContainers;
  private final java.util.function.Function<List<String>, List<io.jpod.core.secret.SecretUse>> secrets;

  /** A factory for containers that join no other container's namespaces and use no secrets. */
  public ContainerFactory(LibpodOptions options, Ids ids) {
    this(options, ids, null, null, flags -> {
      throw JpodException.invalid("--secret needs the secrets store");
    });
  }

  /**
   * {@code containers} looks up a container by name or id (throws notFound) for the namespaces a new
   * container joins, null when nothing can be joined; {@code secrets} parses and resolves the
   * {@code --secret} values (failing on an unknown secret).
   */
  public ContainerFactory(LibpodOptions options, Ids ids,
      java.util.function.Function<String, ContainerConfig> containers,
      java.util.function.Supplier<List<ContainerConfig>> allContainers,
      java.util.function.Function<List<String>, List<io.jpod.core.secret.SecretUse>> secrets) {
    this.options = options;
    this.ids = ids;
    this.containers = containers;
    this.allContainers = allContainers;
    this.secrets = secrets;
  }

  /**
   * Builds the config. {@code nameHolder} gives the id of the container using a name (null when
   * free), so a generated name never collides; {@code runtimeName} is the runtime that will run it.
   */
  public ContainerConfig build(ContainerSpec spec, ImageDefaults image, ContainerPlacement placement,
      String runtimeName, Path logDir, java.util.function.Function<String, String> nameHolder) {
    var defaults = options.defaults();
    String id = ids.newId();
    String name = spec.name().filter(n -> !n.isEmpty()).orElse(null);
    if (name != null && !Ids.validName(name)) {
      throw JpodException.invalid(
          "names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
    }
    if (name == null) {
      do {
        name = ids.newName();
      } while (nameHolder.apply(name) != null);
    } else if (nameHolder.apply(name) != null) {
      throw JpodException.conflict(
          "creating container storage: the container name \"" + name
              + "\" is already in use by " + nameHolder.apply(name) + ". You have to remove that container to be able to reuse that name: that name is already in use");
    }
    List<String> entrypoint = spec.entrypoint().orElse(image.entrypoint());
    List<String> command;
    if (!spec.command().isEmpty()) {
      command = spec.command();
    } else if (spec.entrypoint().isPresent()) {
      command = List.of(); // podman: --entrypoint resets the image's CMD
    } else {
      command = image.cmd();
    }
    if (entrypoint.isEmpty() && command.isEmpty()) {
      throw JpodException.invalid("no command or entrypoint provided, and no CMD or ENTRYPOINT from image");
    }
    String hostname = spec.hostname().orElseGet(() -> placement.hostname() != null ? placement.hostname()
        : "host".equals(placement.network().mode()) ? hostHostname(id) : id.substring(0, 12));
    RunOptions runOptions = spec.runOptions().validated();
    if (!runOptions.requires().isEmpty()) {
      List<String> ids = new ArrayList<>();
      for (String r : runOptions.requires()) {
        ids.add(required(r).id());
      }
      runOptions = runOptions.withRequires(ids);
    }
    List<String> env = environment(defaults.env(), image.env(), spec.env(), spec.tty(), runOptions);
    Map<String, String> labels = new LinkedHashMap<>(image.labels());
    labels.putAll(spec.labels());
    int stopSignal =
        Processes.signalNumber(spec.stopSignal().orElse(image.stopSignal().isEmpty() ? "SIGTERM" : image.stopSignal()));
    int stopTimeout = spec.stopTimeout().orElse(defaults.stopTimeout());
    if (stopTimeout < 0) {
      throw JpodException.invalid("invalid stop timeout " + stopTimeout + ": must be 0 or greater");
    }
    LogOptions log = LogOptions.parse(spec.logOptions());
    String logDriver = log.driver() != null ? log.driver() : spec.logDriver().orElse(defaults.logDriver());
    if (!LogOptions.DRIVERS.contains(logDriver)) {
      throw JpodException.invalid("running container create option: invalid log driver: invalid argument");
    }
    var sec = spec.security();
    var secOpts = io.jpod.core.security.SecurityParser.options(sec.securityOpt());
    NamespaceConfig namespaces = placement.namespaces();
    if (sec.ipc() != null || sec.pid() != null || sec.uts() != null) {
      namespaces = new NamespaceConfig(joinable(namespaceMode(sec.ipc(), namespaces.ipc(), "ipc"), "ipc"),
          joinable(namespaceMode(sec.uts(), namespaces.uts(), "uts"), "uts"),
          joinable(namespaceMode(sec.pid(), namespaces.pid(), "pid"), "pid"));
    }
    var identity = io.jpod.core.identity.IdentityParser.forHost(
        ref -> {
          ContainerConfig target = lookup(ref, "user");
          return new io.jpod.core.identity.IdentityConfig(target.id(), target.identity().uidMap(),
              target.identity().gidMap(), null, false);
        },
        this::mappedUids).parse(spec.identity());
    identity = identity.withCgroupns(io.jpod.core.cgroup.CgroupFlags.cgroupnsMode(spec.identity().cgroupns()));
    var cgroupsMode = io.jpod.core.cgroup.CgroupFlags.cgroupsMode(spec.identity().cgroups(), defaults.cgroupsMode(),
        runtimeName);
    String cgroupParent = io.jpod.core.cgroup.CgroupFlags.cgroupParent(spec.identity().cgroupParent(),
        placement.cgroupParent());
    Map<String, String> sysctls = new LinkedHashMap<>(defaults.sysctls());
    sysctls.putAll(io.jpod.core.security.SecurityParser.sysctls(sec.sysctls(),
        "host".equals(placement.network().mode()), "host".equals(namespaces.ipc()), "host".equals(namespaces.uts())));
    List<String> hostCaps = boundingCaps(); // read once: /proc/self/status
    var security = new io.jpod.core.security.SecurityConfig(sec.privileged(), sec.readOnly(),
        sec.readOnlyTmpfs() == null || sec.readOnlyTmpfs(), sec.securityOpt(), secOpts.mask(), secOpts.unmask(),
        sec.groupAdd(), io.jpod.core.security.SecurityParser.devices(sec.devices()),
        sec.privileged() ? List.of() : withinBounding(capabilities(List.of(), spec.capAdd(), List.of()), hostCaps));
    var resources = new io.jpod.core.resources.ResourceParser(io.jpod.core.resources.ResourceParser.Host.system())
        .parse(spec.resources());
    List<io.jpod.core.secret.SecretUse> secretUses = spec.secrets().isEmpty() ? List.of() : secrets.apply(spec.secrets());
    return new ContainerConfig(
        id,
        name,
        image.imageId(),
        image.imageName(),
        spec.rootfs().orElse(null),
        entrypoint,
        command,
        env,
        spec.workingDir().filter(w -> !w.isEmpty()).orElse(image.workingDir().isEmpty() ? "/" : image.workingDir()),
        spec.user().orElse(image.user()),
        hostname,
        spec.tty(),
        spec.stdin(),
        spec.init(),
        spec.init() ? (runOptions.initPath() != null && !runOptions.initPath().isEmpty() ? runOptions.initPath()
            : defaults.initPath()) : null,
        spec.autoRemove(),
        labels,
        spec.annotations(),
        stopSignal,
        stopTimeout,
        runtimeName,
        logDriver,
        log.path() != null ? log.path() : logDir.resolve(id).resolve("userdata").resolve("ctr.log").toString(),
        log.sizeMax() != null ? log.sizeMax() : defaults.logSizeMax(),
        rlimits(spec.ulimits(), defaults.ulimits()),
        sec.privileged() ? hostCaps
            : withinBounding(capabilities(defaults.capabilities(), spec.capAdd(), spec.capDrop()), hostCaps),
        secOpts.noNewPrivileges(),
        spec.pidsLimit().orElse(defaults.pidsLimit()),
        cgroupParent,
        cgroupsMode,
        io.jpod.core.resources.ResourceParser.shmSize(spec.resources(), defaults.shmSize()),
        sysctls,
        placement.network(),
        sec.privileged() ? "unconfined" : secOpts.seccompProfile() != null ? secOpts.seccompProfile() : defaults.seccompProfile(),
        Instant.now(),
        spec.createCommand(),
        placement.mounts(),
        placement.podId(),
        namespaces,
        resources,
        security,
        io.jpod.core.supervision.SupervisionParser.parse(spec.supervision(), image.healthcheck(), spec.autoRemove()),
        identity,
        secretUses,
        log.options(),
        runOptions);
  }

  /** "container:NAME" becomes "container:ID" of an existing container; other modes stay. */
  private String joinable(String mode, String kind) {
    String target = NamespaceConfig.joinedContainer(mode);
    return target == null ? mode : "container:" + lookup(target, kind).id();
  }

  /** A {@code --requires} container. */
  private ContainerConfig required(String ref) {
    try {
      if (containers == null) {
        throw JpodException.notFound("no container with name or ID \"" + ref + "\" found: no such container");
      }
      return containers.apply(ref);
    } catch (JpodException e) {
      throw new JpodException(e.kind(), "\"" + ref + "\" is not a valid container, cannot be used as a dependency: "
          + e.getMessage(), e);
    }
  }

  private ContainerConfig lookup(String ref, String kind) {
    if (containers == null) {
      throw JpodException.invalid("cannot share the " + kind + " namespace of container " + ref);
    }
    try {
      return containers.apply(ref);
    } catch (JpodException e) {
      if (e.kind() == io.jpod.common.ErrorKind.NOT_FOUND) {
        throw JpodException.notFound("looking up container to share " + kind + " namespace with: " + e.getMessage());
      }
      throw e;
    }
  }

  /** The host uid ranges containers already map, which {@code --userns auto} leaves alone. */
  private List<io.jpod.sys.IdMap> mappedUids() {
    return allContainers == null ? List.of()
        : allContainers.get().stream().flatMap(c -> c.identity().uidMap().stream()).toList();
  }

  /** The host's name, which a container on the host's network takes as podman's do. */
  private static String hostHostname(String id) {
    String h = io.jpod.core.system.SystemInfo.hostname();
    return h.isEmpty() ? id.substring(0, 12) : h;
  }

  /** {@code --ipc/--pid/--uts}: host, private, shareable (ipc), ns:PATH or container:X; null keeps {@code current}. */
  static String namespaceMode(String given, String current, String kind) {
    if (given == null) {
      return current;
    }
    if (given.equals("host") || given.equals("private") || given.startsWith("ns:")
        || (given.startsWith("container:") && given.length() > "container:".length())
        || (kind.equals("ipc") && (given.equals("shareable") || given.equals("none")))) {
      return given; // ipc "none" is a private namespace without a /dev/shm
    }
    throw JpodException.invalid("unrecognized namespace mode " + given + " passed");
  }

  /**
   * The process environment with --env-host (the host's variables after containers.conf's),
   * --unsetenv-all (only what the user gave) and --unsetenv (those names taken out) applied.
   */
  static List<String> environment(List<String> conf, List<String> image, List<String> user, boolean tty,
      RunOptions o) {
    List<String> env;
    if (o.unsetEnvAll()) {
      env = new ArrayList<>(mergeEnv(List.of(), List.of(), user, tty, false)); // the user's alone
    } else {
      List<String> base = new ArrayList<>();
      if (o.httpProxy()) {
        // podman's http_proxy: the host's proxy settings first, so anything else may override them
        for (String k : RunOptions.PROXY_VARS) {
          String v = System.getenv(k);
          if (v != null) {
            base.add(k + "=" + v);
          }
        }
      }
      base.addAll(conf);
      if (o.envHost()) {
        new java.util.TreeMap<>(System.getenv()).forEach((k, v) -> base.add(k + "=" + v));
      }
      env = new ArrayList<>(mergeEnv(base, image, user, tty));
    }
    for (String m : o.envMerge()) {
      int eq = m.indexOf('=');
      if (eq <= 0) {
        throw JpodException.invalid("missing = in " + m + ": invalid argument");
      }
      String key = m.substring(0, eq);
      String current = env.stream().filter(kv -> kv.startsWith(key + "=")).findFirst()
          .map(kv -> kv.substring(key.length() + 1)).orElse("");
      String merged = m.substring(eq + 1).replace("${" + key + "}", current);
      env.removeIf(kv -> kv.startsWith(key + "="));
      env.add(key + "=" + merged);
    }
    env.removeIf(kv -> o.unsetEnv().contains(kv.substring(0, kv.indexOf('='))));
    return env;
  }

  /** containers.conf env, then the image's, then the user's; later keys replace earlier ones in place. */
  static List<String> mergeEnv(List<String> base, List<String> image, List<String> user, boolean tty) {
    return mergeEnv(base, image, user, tty, true);
  }

  private static List<String> mergeEnv(List<String> base, List<String> image, List<String> user, boolean tty,
      boolean podmanDefaults) {
    Map<String, String> env = new LinkedHashMap<>();
    for (List<String> layer : List.of(base, image, user)) {
      for (String kv : layer) {
        int eq = kv.indexOf('=');
        if (eq == 0) {
          throw JpodException.invalid("invalid environment variable: \"" + kv + "\"");
        }
        if (eq < 0 && kv.endsWith("*")) {
          // podman: NAME* takes every host variable whose name starts with NAME
          String prefix = kv.substring(0, kv.length() - 1);
          new java.util.TreeMap<>(System.getenv()).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
              env.put(k, v);
            }
          });
          continue;
        }
        if (eq < 0) {
          String host = System.getenv(kv);
          if (host != null) {
            env.put(kv, host);
          }
          continue;
        }
        env.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    if (!podmanDefaults) {
      List<String> out = new ArrayList<>();
      env.forEach((k, v) -> out.add(k + "=" + v));
      return out;
    }
    env.putIfAbsent("TERM", "xterm");
    env.putIfAbsent("container", "podman");
    // podman: a containers.conf env without PATH still leaves the process a PATH to find its command
    env.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    List<String> out = new ArrayList<>();
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }

  /**
   * The rlimits: containers.conf's default_ulimits, then --ulimit (later entries replace earlier ones
   * of the same type), then podman's nofile/nproc defaults for whichever is missing, all clamped to
   * what the host lets the runtime set.
   */
  static List<ContainerConfig.Rlimit> rlimits(List<String> user, List<String> confDefaults) {
    Map<String, ContainerConfig.Rlimit> requested = new LinkedHashMap<>();
    for (String u : confDefaults) {
      var parsed = parseUlimit(u);
      String type = Rlimits.ociType(parsed.name());
      requested.put(type, new ContainerConfig.Rlimit(type, parsed.soft(), parsed.hard()));
    }
    Map<String, Long> hostHard = null;
    for (String u : user) {
      if (u.equals("host")) {
        // podman's --ulimit host: every limit as jpod itself has it
        for (String name : HOST_ULIMITS) {
          var l = Rlimits.get(name);
          String type = Rlimits.ociType(name);
          requested.put(type, new ContainerConfig.Rlimit(type, l.soft(), l.hard()));
        }
        continue;
      }
      var parsed = parseUlimit(u);
      String type = Rlimits.ociType(parsed.name());
      if (hostHard == null) {
        hostHard = RlimitClamp.canRaiseHardLimits() ? Map.of() : RlimitClamp.hostHardLimits();
      }
      Long max = hostHard.get(type);
      if (max != null && max >= 0 && (parsed.hard() < 0 || parsed.hard() > max)) {
        // an explicit limit the runtime could not set: refused now rather than failing at start
        throw JpodException.invalid("ulimit option \"" + u + "\" exceeds the host's hard limit for "
            + parsed.name() + " (" + max + ")");
      }
      requested.put(type, new ContainerConfig.Rlimit(type, parsed.soft(), parsed.hard()));
    }
    return RlimitClamp.forHost(List.copyOf(requested.values()));
  }

  private static final List<String> HOST_ULIMITS = List.of(
      "cpu", "fsize", "data", "stack", "core", "rss", "nproc", "nofile", "memlock", "as", "locks",
      "sigpending", "msgqueue", "nice", "rtprio", "rttime");

  private record ParsedUlimit(String name, long soft, long hard) {}

  private static ParsedUlimit parseUlimit(String u) {
    String prefix = "ulimit option \"" + u + "\" requires name=SOFT:HARD, failed to be parsed: ";
    int eq = u.indexOf('=');
    if (eq <= 0) {
      throw JpodException.invalid(prefix + "invalid ulimit argument: " + u);
    }
    String name = u.substring(0, eq).toLowerCase(Locale.ROOT);
    try {
      Rlimits.ociType(name); // validates the name
    } catch (JpodException e) {
      throw JpodException.invalid(prefix + e.getMessage());
    }
    String[] parts = u.substring(eq + 1).split(":", -1);
    String current = parts[0];
    try {
      long soft = limitValue(parts[0]);
      current = parts.length > 1 ? parts[1] : parts[0];
      long hard = parts.length > 1 ? limitValue(parts[1]) : soft;
      if (parts.length > 2) {
        throw JpodException.invalid(prefix + "too many limit value arguments - " + u.substring(eq + 1)
            + ", can only have up to two, `soft[:hard]`");
      }
      if (hard >= 0 && (soft < 0 || soft > hard)) {
        throw JpodException.invalid(prefix + "ulimit soft limit must be less than or equal to hard limit: "
            + parts[0] + " > " + parts[parts.length > 1 ? 1 : 0]);
      }
      return new ParsedUlimit(name, soft, hard);
    } catch (NumberFormatException e) {
      throw JpodException.invalid(prefix + "strconv.ParseInt: parsing \"" + current + "\": invalid syntax");
    }
  }

  private static long limitValue(String s) {
    return s.equals("-1") || s.equalsIgnoreCase("unlimited") ? -1 : Long.parseUnsignedLong(s);
  }

  /** The default capability set with --cap-add/--cap-drop applied (ALL supported). */
  static List<String> capabilities(List<String> defaults, List<String> add, List<String> drop) {
    Set<String> caps = new LinkedHashSet<>();
    for (String c : defaults) {
      caps.add(normalizeCap(c));
    }
    for (String c : drop) {
      if (c.equalsIgnoreCase("all")) {
        caps.clear();
      } else {
        caps.remove(normalizeCap(c));
      }
    }
    for (String c : add) {
      if (c.equalsIgnoreCase("all")) {
        caps.addAll(ALL_CAPS);
      } else {
        caps.add(normalizeCap(c));
      }
    }
    return caps.stream().sorted().toList();
  }

  /**
   * As podman: only what jpod's own bounding set holds can be given (--cap-add all means "all this host
   * allows", not capabilities the runtime would fail to apply).
   */
  static List<String> withinBounding(List<String> caps, List<String> bounding) {
    Set<String> allowed = new java.util.HashSet<>(bounding);
    return caps.stream().filter(allowed::contains).toList();
  }

  /** Capability names by number, as the kernel counts them. */
  private static final List<String> CAPS_BY_NUMBER = List.of(
      "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
      "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
      "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO",
      "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
      "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
      "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
      "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

  /**
   * {@code --privileged}: like podman, every capability jpod itself may hand on (its bounding set); the
   * runtime cannot grant more.
   */
  static List<String> boundingCaps() {
    try {
      for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapBnd:")) {
          long mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
          List<String> out = new ArrayList<>();
          for (int i = 0; i < CAPS_BY_NUMBER.size(); i++) {
            if ((mask & (1L << i)) != 0) {
              out.add(CAPS_BY_NUMBER.get(i));
            }
          }
          return out.stream().sorted().toList();
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // fall through to the full list
    }
    return ALL_CAPS;
  }

  static String normalizeCap(String c) {
    String up = c.toUpperCase(Locale.ROOT);
    String full = up.startsWith("CAP_") ? up : "CAP_" + up;
    if (!ALL_CAPS.contains(full)) {
      throw JpodException.invalid("\"" + full + "\": unknown capability");
    }
    return full;
  }
}
