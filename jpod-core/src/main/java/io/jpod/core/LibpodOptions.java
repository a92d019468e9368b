package io.jpod.core;

import io.jpod.config.ConfigLoader;
import io.jpod.config.ContainersConf;
import io.jpod.config.EngineSettings;
import io.jpod.config.units.ByteSize;
import io.jpod.storage.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine needs from configuration, already resolved (containers.conf layered with the
 * global flags). The CLI and the Java API build one of these; the engine reads nothing else.
 *
 * @param graphRoot persistent storage (images, container layers, the state database)
 * @param runRoot volatile per-boot storage
 * @param tmpDir libpod's tmp dir (exit files, events, locks)
 * @param runtime the OCI runtime's name or path; empty to pick the first one that works here
 * @param runtimePaths candidate paths per runtime name ([engine.runtimes])
 * @param conmonPaths candidate conmon paths
 * @param cgroupManager cgroupfs or systemd
 * @param logLevel podman's --log-level, also handed to conmon
 * @param eventsLogger file or none
 * @param exitCommand the jpod launcher that conmon runs on exit, followed by the global flags
 * @param defaults per-container defaults from containers.conf
 * @param storageDriver the graph driver, {@code overlay} (default) or {@code vfs} (storage.conf
 *     {@code driver}, {@code $STORAGE_DRIVER}, {@code --storage-driver})
 * @param storageOptions the driver's options in containers/storage form ({@code vfs.ignore_chown_errors=true})
 * @param network network settings ({@code [network]}, {@code --network-config-dir})
 */
public record LibpodOptions(
    Path graphRoot,
    Path runRoot,
    Path tmpDir,
    String runtime,
    Map<String, List<String>> runtimePaths,
    List<String> conmonPaths,
    String cgroupManager,
    String logLevel,
    String eventsLogger,
    List<String> runtimeSupportsJson,
    boolean noPivot,
    List<String> exitCommand,
    ContainerDefaults defaults,
    String storageDriver,
    List<String> storageOptions,
    io.jpod.core.network.NetworkOptions network) {

  public LibpodOptions {
    network = network == null ? io.jpod.core.network.NetworkOptions.defaults(runRoot) : network;
    runtimePaths = Map.copyOf(runtimePaths);
    conmonPaths = List.copyOf(conmonPaths);
    runtimeSupportsJson = List.copyOf(runtimeSupportsJson);
    exitCommand = List.copyOf(exitCommand);
    storageDriver = storageDriver == null || storageDriver.isEmpty() ? Store.DEFAULT_DRIVER : storageDriver;
    storageOptions = storageOptions == null ? List.of() : List.copyOf(storageOptions);
  }

  /** Options with the default storage driver (overlay) and no driver options. */
  public LibpodOptions(
      Path graphRoot,
      Path runRoot,
      Path tmpDir,
      String runtime,
      Map<String, List<String>> runtimePaths,
      List<String> conmonPaths,
      String cgroupManager,
      String logLevel,
      String eventsLogger,
      List<String> runtimeSupportsJson,
      boolean noPivot,
      List<String> exitCommand,
      ContainerDefaults defaults) {
    this(graphRoot, runRoot, tmpDir, runtime, runtimePaths, conmonPaths, cgroupManager, logLevel, eventsLogger,
        runtimeSupportsJson, noPivot, exitCommand, defaults, Store.DEFAULT_DRIVER, List.of());
  }

  /** Options without explicit network settings (podman's defaults next to the run root). */
  public LibpodOptions(
      Path graphRoot,
      Path runRoot,
      Path tmpDir,
      String runtime,
      Map<String, List<String>> runtimePaths,
      List<String> conmonPaths,
      String cgroupManager,
      String logLevel,
      String eventsLogger,
      List<String> runtimeSupportsJson,
      boolean noPivot,
      List<String> exitCommand,
      ContainerDefaults defaults,
      String storageDriver,
      List<String> storageOptions) {
    this(graphRoot, runRoot, tmpDir, runtime, runtimePaths, conmonPaths, cgroupManager, logLevel, eventsLogger,
        runtimeSupportsJson, noPivot, exitCommand, defaults, storageDriver, storageOptions, null);
  }

  /**
   * The same options with networks defined in {@code dir} ({@code --network-config-dir}); conmon's
   * cleanup gets the flag too, so it tears down against the same definitions.
   */
  /**
   * The same options with another network backend ({@code --network-backend}); conmon's cleanup gets
   * the flag too, so it tears down with the backend that set up.
   */
  public LibpodOptions withNetworkBackend(String backend) {
    List<String> exit = new ArrayList<>(exitCommand);
    if (!exit.isEmpty()) {
      exit.addAll(List.of("--network-backend", backend));
    }
    return new LibpodOptions(graphRoot, runRoot, tmpDir, runtime, runtimePaths, conmonPaths, cgroupManager, logLevel,
        eventsLogger, runtimeSupportsJson, noPivot, exit, defaults, storageDriver, storageOptions, network.withBackend(backend));
  }

  public LibpodOptions withNetworkConfigDir(Path dir) {
    List<String> exit = new ArrayList<>(exitCommand);
    if (!exit.isEmpty()) {
      exit.addAll(List.of("--network-config-dir", dir.toString()));
    }
    return new LibpodOptions(graphRoot, runRoot, tmpDir, runtime, runtimePaths, conmonPaths, cgroupManager, logLevel,
        eventsLogger, runtimeSupportsJson, noPivot, exit, defaults, storageDriver, storageOptions, network.withConfigDir(dir));
  }

  /**
   * The options the jpod CLI uses with no flags: containers.conf in podman's search order and jpod's
   * default directories. {@code launcher} is the jpod command conmon runs when a container exits
   * (empty: none, and exits are then noticed by the next call that looks at the container).
   */
  public static LibpodOptions fromConfig(Path launcher) {
    return fromSettings(ConfigLoader.loadDefault().settings(), launcher, false);
  }

  /** Options from resolved settings (containers.conf plus global flags). */
  public static LibpodOptions fromSettings(EngineSettings s, Path launcher, boolean runtimeFlagGiven) {
    ContainersConf conf = s.containersConf();
    var c = conf.containers();
    var e = conf.engine();
    Map<String, String> sysctls = new LinkedHashMap<>();
    for (String kv : c.defaultSysctls()) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        sysctls.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
      }
    }
    Map<String, List<String>> runtimes = new LinkedHashMap<>(e.runtimes());
    if (!s.runtimePaths().isEmpty()) {
      runtimes.put(s.runtimeName(), s.runtimePaths());
    }
    var defaults =
        new ContainerDefaults(
            c.defaultCapabilitiesPrefixed(),
            sysctls,
            c.defaultUlimits(),
            c.env(),
            c.resolveInitPath(),
            c.pidsLimit(),
            c.logDriver().isEmpty() ? "k8s-file" : c.logDriver(),
            c.logSizeMax(),
            ByteSize.parseDecimal(c.shmSize()), // podman reads it with FromHumanSize: 65536k is 65536000 bytes
            c.seccompProfile(),
            (int) e.stopTimeout(),
            c.cgroups(),
            e.detachKeys());
    List<String> exit = new ArrayList<>();
    if (launcher != null && Files.isExecutable(launcher)) {
      exit.add(launcher.toString());
      exit.addAll(List.of("--root", s.graphRoot(), "--runroot", s.runRoot(), "--tmpdir", s.tmpDir()));
      exit.addAll(List.of("--log-level", s.logLevel(), "--cgroup-manager", s.cgroupManager()));
      if (s.runtimeExplicit() || runtimeFlagGiven) {
        exit.addAll(List.of("--runtime", s.runtimePaths().size() == 1 && runtimeFlagGiven ? s.runtimePaths().getFirst() : s.runtimeName()));
      }
      exit.addAll(List.of("--events-backend", s.eventsLogger()));
      // The cleanup process must open the same store: a vfs container is not found in overlay's records.
      exit.addAll(List.of("--storage-driver", s.storageDriver()));
      for (String o : s.storageOptions()) {
        exit.addAll(List.of("--storage-opt", o));
      }
    }
    return new LibpodOptions(
        Path.of(s.graphRoot()),
        Path.of(s.runRoot()),
        Path.of(s.tmpDir()),
        s.runtimeExplicit() ? s.runtimeName() : "",
        runtimes,
        s.conmonPaths(),
        s.cgroupManager(),
        s.logLevel(),
        s.eventsLogger(),
        e.runtimeSupportsJson(),
        e.noPivotRoot(),
        exit,
        defaults,
        s.storageDriver(),
        s.storageOptions(),
        networkOptions(conf.network(), Path.of(s.runRoot()), e.helperBinariesDir()));
  }

  private static io.jpod.core.network.NetworkOptions networkOptions(ContainersConf.Network n, Path runRoot, List<String> helperDirs) {
    var d = io.jpod.core.network.NetworkOptions.defaults(runRoot);
    return new io.jpod.core.network.NetworkOptions(
        n.networkConfigDir().isEmpty() ? io.jpod.core.network.NetworkOptions.defaultConfigDir(n.networkBackend())
            : Path.of(n.networkConfigDir()),
        d.runDir(),
        n.networkBackend(),
        n.defaultNetwork().isEmpty() ? d.defaultNetwork() : n.defaultNetwork(),
        n.defaultSubnet().isEmpty() ? d.defaultSubnet() : n.defaultSubnet(),
        n.defaultSubnetPools().stream().map(p -> new io.jpod.core.network.NetworkOptions.Pool(p.base(), p.size())).toList(),
        helperDirs == null || helperDirs.isEmpty() ? d.helperDirs() : helperDirs,
        n.cniPluginDirs(),
        false);
  }

  /** Defaults applied to each new container, from containers.conf's [containers] table. */
  public record ContainerDefaults(
      List<String> capabilities,
      Map<String, String> sysctls,
      List<String> ulimits,
      List<String> env,
      String initPath,
      long pidsLimit,
      String logDriver,
      long logSizeMax,
      long shmSize,
      String seccompProfile,
      int stopTimeout,
      String cgroupsMode,
      String detachKeys) {

    public ContainerDefaults {
      capabilities = List.copyOf(capabilities);
      sysctls = Map.copyOf(sysctls);
      ulimits = List.copyOf(ulimits);
      env = List.copyOf(env);
    }
  }
}
