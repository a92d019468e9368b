package io.jpod.config;

import io.jpod.config.units.Ulimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * containers.conf(5) as jpod uses it: the merged result of built-in defaults and every file
 * {@link ConfigLoader} read. Each section is its own record whose {@code from} factory is the one place
 * that names its TOML keys and defaults — to support a new key, add a component and one line there.
 *
 * @param containers the {@code [containers]} table
 * @param engine the {@code [engine]} table
 * @param network the {@code [network]} table
 */
public record ContainersConf(Containers containers, Engine engine, Network network) {

  /** Built-in defaults only, as if no file existed. */
  public static ContainersConf defaults(HostFacts host) {
    return from(TomlTable.EMPTY, host);
  }

  static ContainersConf from(TomlTable root, HostFacts host) {
    return new ContainersConf(
        Containers.from(root.table("containers"), host),
        Engine.from(root.table("engine"), host),
        Network.from(root.table("network")));
  }

  /** The PATH podman gives containers and conmon. */
  public static final String DEFAULT_PATH =
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  // ------------------------------------------------------------------ [containers]

  /** The {@code [containers]} table. Namespace modes are podman's strings ({@code private}, {@code host}, …). */
  public record Containers(
      List<String> annotations,
      String baseHostsFile,
      String cgroupns,
      String cgroups,
      List<String> defaultCapabilities,
      List<String> defaultSysctls,
      List<String> defaultUlimits,
      List<String> devices,
      List<String> dnsOptions,
      List<String> dnsSearches,
      List<String> dnsServers,
      List<String> env,
      boolean envHost,
      boolean httpProxy,
      boolean init,
      String initPath,
      String ipcns,
      boolean label,
      String logDriver,
      long logSizeMax,
      String logTag,
      String netns,
      boolean noHosts,
      String pidns,
      long pidsLimit,
      String seccompProfile,
      String shmSize,
      String tz,
      String umask,
      String userns,
      String utsns,
      List<String> volumes) {

    /**
     * podman 4.3.1's compiled-in set, used when no containers.conf names one (the file Debian ships
     * narrows it to eleven, without AUDIT_WRITE, MKNOD and NET_RAW).
     */
    public static final List<String> DEFAULT_CAPABILITIES =
        List.of(
            "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "NET_RAW",
            "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    public static final String DEFAULT_INIT_PATH = "/usr/libexec/podman/catatonit";
    public static final String FALLBACK_INIT_PATH = "/usr/bin/catatonit";

    static Containers from(TomlTable t, HostFacts host) {
      return new Containers(
          t.strings("annotations", List.of()),
          t.string("base_hosts_file", ""),
          t.string("cgroupns", host.cgroupV2() ? "private" : "host"),
          t.string("cgroups", "enabled"),
          t.strings("default_capabilities", DEFAULT_CAPABILITIES),
          t.strings("default_sysctls", List.of("net.ipv4.ping_group_range=0 0")),
          t.strings("default_ulimits", List.of()),
          t.strings("devices", List.of()),
          t.strings("dns_options", List.of()),
          t.strings("dns_searches", List.of()),
          t.strings("dns_servers", List.of()),
          t.strings("env", List.of(DEFAULT_PATH, "TERM=xterm")),
          t.bool("env_host", false),
          t.bool("http_proxy", true),
          t.bool("init", false),
          t.string("init_path", DEFAULT_INIT_PATH),
          t.string("ipcns", "shareable"),
          t.bool("label", true),
          // podman picks journald when PID 1 is systemd; jpod supports k8s-file/none/passthrough only.
          t.string("log_driver", "k8s-file"),
          t.integer("log_size_max", -1),
          t.string("log_tag", ""),
          t.string("netns", "private"),
          t.bool("no_hosts", false),
          t.string("pidns", "private"),
          t.integer("pids_limit", 2048),
          t.string("seccomp_profile", "/usr/share/containers/seccomp.json"),
          t.string("shm_size", "65536k"),
          t.string("tz", ""),
          t.string("umask", "0022"),
          t.string("userns", "host"),
          t.string("utsns", "private"),
          t.strings("volumes", List.of()));
    }

    /** {@link #defaultCapabilities()} as OCI names: upper case with the {@code CAP_} prefix. */
    public List<String> defaultCapabilitiesPrefixed() {
      List<String> out = new ArrayList<>(defaultCapabilities.size());
      for (String c : defaultCapabilities) {
        String u = c.strip().toUpperCase(Locale.ROOT);
        out.add(u.startsWith("CAP_") ? u : "CAP_" + u);
      }
      return List.copyOf(out);
    }

    /** {@link #defaultUlimits()} parsed; throws INVALID_ARGUMENT for a bad entry. */
    public List<Ulimit> parsedDefaultUlimits() {
      return defaultUlimits.stream().map(Ulimit::parse).toList();
    }

    /**
     * The catatonit to use for {@code --init}: {@link #initPath()} when it exists, else
     * {@code /usr/bin/catatonit} when the configured path is the default and the fallback exists,
     * else the configured path (the caller reports it missing).
     */
    public String resolveInitPath() {
      return resolveInitPath(Path.of("/"));
    }

    /** {@link #resolveInitPath()} checking existence below {@code root}. */
    public String resolveInitPath(Path root) {
      if (Files.exists(under(root, initPath))) {
        return initPath;
      }
      if (initPath.equals(DEFAULT_INIT_PATH) && Files.exists(under(root, FALLBACK_INIT_PATH))) {
        return FALLBACK_INIT_PATH;
      }
      return initPath;
    }
  }

  // ------------------------------------------------------------------ [engine]

  /**
   * The {@code [engine]} table. Path-valued keys left empty ({@code static_dir}, {@code volume_path},
   * {@code events_logfile_path}) are derived by {@link EngineSettings}.
   *
   * @param runtimeExplicit whether some file set {@code runtime}; when not, jpod may pick whichever
   *     runtime works
   */
  public record Engine(
      String cgroupManager,
      List<String> conmonEnvVars,
      List<String> conmonPath,
      String databaseBackend,
      String detachKeys,
      String eventsLogfilePath,
      String eventsLogger,
      long exitCommandDelay,
      List<String> helperBinariesDir,
      String imageDefaultTransport,
      String infraCommand,
      String infraImage,
      String lockType,
      boolean noPivotRoot,
      int numLocks,
      String pullPolicy,
      String runtime,
      boolean runtimeExplicit,
      Map<String, List<String>> runtimes,
      List<String> runtimeSupportsJson,
      List<String> runtimeSupportsKvm,
      List<String> runtimeSupportsNocgroups,
      String staticDir,
      long stopTimeout,
      String tmpDir,
      String volumePath) {

    public static final String DEFAULT_RUNTIME = "crun";
    public static final String DEFAULT_TMP_DIR = "/run/jpod";

    public static final List<String> DEFAULT_CONMON_PATHS =
        List.of(
            "/usr/libexec/podman/conmon",
            "/usr/local/libexec/podman/conmon",
            "/usr/local/lib/podman/conmon",
            "/usr/bin/conmon",
            "/usr/sbin/conmon",
            "/usr/local/bin/conmon",
            "/usr/local/sbin/conmon");

    public static final Map<String, List<String>> DEFAULT_RUNTIMES = defaultRuntimes();

    private static Map<String, List<String>> defaultRuntimes() {
      Map<String, List<String>> m = new LinkedHashMap<>();
      m.put(
          "crun",
          List.of(
              "/usr/bin/crun",
              "/usr/sbin/crun",
              "/usr/local/bin/crun",
              "/usr/local/sbin/crun",
              "/sbin/crun",
              "/bin/crun",
              "/run/current-system/sw/bin/crun"));
      m.put(
          "runc",
          List.of(
              "/usr/bin/runc",
              "/usr/sbin/runc",
              "/usr/local/bin/runc",
              "/usr/local/sbin/runc",
              "/sbin/runc",
              "/bin/runc",
              "/usr/lib/cri-o-runc/sbin/runc"));
      return java.util.Collections.unmodifiableMap(m);
    }

    static Engine from(TomlTable t, HostFacts host) {
      return new Engine(
          t.string("cgroup_manager", host.systemdPid1() ? "systemd" : "cgroupfs"),
          t.strings("conmon_env_vars", List.of(DEFAULT_PATH)),
          t.strings("conmon_path", DEFAULT_CONMON_PATHS),
          t.string("database_backend", ""),
          t.string("detach_keys", "ctrl-p,ctrl-q"),
          t.string("events_logfile_path", ""),
          t.string("events_logger", host.systemdPid1() ? "journald" : "file"),
          t.integer("exit_command_delay", 300),
          t.strings(
              "helper_binaries_dir",
              List.of(
                  "/usr/local/libexec/podman",
                  "/usr/local/lib/podman",
                  "/usr/libexec/podman",
                  "/usr/lib/podman")),
          t.string("image_default_transport", "docker://"),
          t.string("infra_command", "/pause"),
          t.string("infra_image", ""),
          t.string("lock_type", "shm"),
          t.bool("no_pivot_root", false),
          t.int32("num_locks", 2048),
          t.string("pull_policy", "missing"),
          t.string("runtime", DEFAULT_RUNTIME),
          t.has("runtime") && !t.string("runtime", "").isEmpty(),
          t.stringListMap("runtimes", DEFAULT_RUNTIMES),
          t.strings("runtime_supports_json", List.of("crun", "runc", "kata", "runsc", "krun")),
          t.strings(
              "runtime_supports_kvm",
              List.of("kata", "kata-runtime", "kata-qemu", "kata-fc", "krun")),
          t.strings("runtime_supports_nocgroups", List.of("crun", "krun")),
          t.string("static_dir", ""),
          t.integer("stop_timeout", 10),
          t.string("tmp_dir", DEFAULT_TMP_DIR),
          t.string("volume_path", ""));
    }

    /** The runtime name to use: {@link #runtime()}, or {@code crun} when a file set it empty. */
    public String runtimeName() {
      return runtime.isEmpty() ? DEFAULT_RUNTIME : runtime;
    }

    /** The candidate paths configured for {@code name}, empty when unknown. */
    public List<String> runtimePaths(String name) {
      return runtimes.getOrDefault(name, List.of());
    }

    /** The first existing executable among the candidates for {@code name}. */
    public Optional<String> findRuntime(String name) {
      return firstExecutable(runtimePaths(name));
    }

    /** The first existing executable among {@link #conmonPath()}. */
    public Optional<String> findConmon() {
      return firstExecutable(conmonPath);
    }

    /** Whether the runtime {@code name} accepts {@code --log-format=json}. */
    public boolean runtimeSupportsJson(String name) {
      return runtimeSupportsJson.contains(name);
    }
  }

  // ------------------------------------------------------------------ [network]

  /**
   * The {@code [network]} table. An empty {@code networkBackend} means auto-detect; an empty
   * {@code networkConfigDir} means the backend's default ({@code /etc/containers/networks} for
   * netavark, {@code /etc/cni/net.d} for CNI).
   */
  public record Network(
      List<String> cniPluginDirs,
      String defaultNetwork,
      String defaultSubnet,
      List<SubnetPool> defaultSubnetPools,
      String networkBackend,
      String networkConfigDir) {

    /** One {@code default_subnet_pools} entry: carve {@code /size} subnets from {@code base}. */
    public record SubnetPool(String base, int size) {}

    public static final List<String> DEFAULT_CNI_PLUGIN_DIRS =
        List.of(
            "/usr/local/libexec/cni",
            "/usr/libexec/cni",
            "/usr/local/lib/cni",
            "/usr/lib/cni",
            "/opt/cni/bin");

    public static final List<SubnetPool> DEFAULT_SUBNET_POOLS = defaultPools();

    private static List<SubnetPool> defaultPools() {
      List<SubnetPool> l = new ArrayList<>();
      for (int i = 89; i <= 255; i++) {
        l.add(new SubnetPool("10." + i + ".0.0/16", 24));
      }
      return List.copyOf(l);
    }

    static Network from(TomlTable t) {
      List<TomlTable> pools = t.tables("default_subnet_pools");
      List<SubnetPool> subnetPools = DEFAULT_SUBNET_POOLS;
      if (pools != null) {
        subnetPools =
            pools.stream().map(p -> new SubnetPool(p.string("base", ""), p.int32("size", 24))).toList();
      }
      return new Network(
          t.strings("cni_plugin_dirs", DEFAULT_CNI_PLUGIN_DIRS),
          t.string("default_network", "podman"),
          t.string("default_subnet", "10.88.0.0/16"),
          subnetPools,
          t.string("network_backend", ""),
          t.string("network_config_dir", ""));
    }
  }

  // ------------------------------------------------------------------ helpers

  static Path under(Path root, String absolute) {
    return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
  }

  static Optional<String> firstExecutable(List<String> candidates) {
    for (String c : candidates) {
      Path p = Path.of(c);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
