package io.jpod.config;

import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The resolved, immutable settings the engine runs with: configuration files plus global flags, with
 * derived paths filled in. Derivations follow libpod: {@code static_dir} defaults to
 * {@code <graphRoot>/libpod}, {@code volume_path} to {@code <graphRoot>/volumes} (so {@code --root}
 * moves them too unless a file set them), {@code events_logfile_path} to
 * {@code <tmpDir>/events/events.log}.
 *
 * @param runtimeName the OCI runtime's name (the base name when {@code --runtime} gave a path)
 * @param runtimeExplicit whether a file or {@code --runtime} chose the runtime; when false jpod may
 *     fall back to any runtime that works
 * @param runtimePaths candidate executables for the runtime, in order (a single path for
 *     {@code --runtime /path}); empty when the name is not in {@code [engine.runtimes]}
 * @param conmonPaths candidate conmon executables ({@code --conmon} gives a single one)
 * @param logLevel {@code --log-level}, default {@code warn}
 * @param config the full file configuration, for every other key
 */
public record EngineSettings(
    String graphRoot,
    String runRoot,
    String storageDriver,
    List<String> storageOptions,
    String tmpDir,
    String staticDir,
    String volumePath,
    String runtimeName,
    boolean runtimeExplicit,
    List<String> runtimePaths,
    List<String> conmonPaths,
    String cgroupManager,
    String eventsLogger,
    String eventsLogfilePath,
    String logLevel,
    JpodConfig config) {

  public static final Set<String> CGROUP_MANAGERS = Set.of("systemd", "cgroupfs");
  public static final Set<String> EVENTS_BACKENDS = Set.of("file", "journald", "none");
  public static final List<String> LOG_LEVELS =
      List.of("trace", "debug", "info", "warn", "warning", "error", "fatal", "panic");

  public EngineSettings {
    storageOptions = List.copyOf(storageOptions);
    runtimePaths = List.copyOf(runtimePaths);
    conmonPaths = List.copyOf(conmonPaths);
  }

  public ContainersConf containersConf() {
    return config.containersConf();
  }

  public StorageConf storageConf() {
    return config.storageConf();
  }

  static EngineSettings resolve(JpodConfig cfg, GlobalOverrides o) {
    ContainersConf.Engine engine = cfg.containersConf().engine();
    StorageConf storage = cfg.storageConf();

    String graphRoot = given(o.root()) ? o.root() : storage.graphRoot();
    String runRoot = given(o.runRoot()) ? o.runRoot() : storage.runRoot();
    String driver = given(o.storageDriver()) ? o.storageDriver() : storage.driver();
    List<String> storageOptions = storage.driverOptions();
    if (o.storageOpts() != null) {
      List<String> given = new ArrayList<>();
      for (String opt : o.storageOpts()) {
        if (!opt.isEmpty()) {
          given.add(opt);
        }
      }
      storageOptions = given;
    }
    String tmpDir = given(o.tmpDir()) ? o.tmpDir() : engine.tmpDir();

    String runtimeName;
    boolean runtimeExplicit;
    List<String> runtimePaths;
    if (given(o.runtime())) {
      runtimeExplicit = true;
      if (o.runtime().contains("/")) {
        runtimeName = o.runtime().substring(o.runtime().lastIndexOf('/') + 1);
        runtimePaths = List.of(o.runtime());
      } else {
        runtimeName = o.runtime();
        runtimePaths = engine.runtimePaths(runtimeName);
      }
    } else {
      runtimeExplicit = engine.runtimeExplicit();
      runtimeName = engine.runtimeName();
      if (runtimeName.contains("/")) {
        runtimePaths = List.of(runtimeName);
        runtimeName = runtimeName.substring(runtimeName.lastIndexOf('/') + 1);
      } else {
        runtimePaths = engine.runtimePaths(runtimeName);
      }
    }

    String cgroupManager = given(o.cgroupManager()) ? o.cgroupManager() : engine.cgroupManager();
    if (!CGROUP_MANAGERS.contains(cgroupManager)) {
      throw JpodException.invalid(
          "invalid cgroup manager \"" + cgroupManager + "\": must be one of systemd, cgroupfs");
    }
    String eventsLogger = given(o.eventsBackend()) ? o.eventsBackend() : engine.eventsLogger();
    if (!EVENTS_BACKENDS.contains(eventsLogger)) {
      throw JpodException.invalid(
          "invalid events backend \"" + eventsLogger + "\": must be one of file, journald, none");
    }
    String logLevel = given(o.logLevel()) ? o.logLevel() : "warn";
    if (!LOG_LEVELS.contains(logLevel)) {
      throw JpodException.invalid(
          "Log Level \"" + logLevel + "\" is not supported, choose from: " + String.join(", ", LOG_LEVELS));
    }
    List<String> conmonPaths = given(o.conmon()) ? List.of(o.conmon()) : engine.conmonPath();

    String staticDir = engine.staticDir().isEmpty() ? graphRoot + "/libpod" : engine.staticDir();
    String volumePath = engine.volumePath().isEmpty() ? graphRoot + "/volumes" : engine.volumePath();
    String eventsLogfile =
        engine.eventsLogfilePath().isEmpty() ? tmpDir + "/events/events.log" : engine.eventsLogfilePath();

    return new EngineSettings(
        graphRoot,
        runRoot,
        driver,
        storageOptions,
        tmpDir,
        staticDir,
        volumePath,
        runtimeName,
        runtimeExplicit,
        runtimePaths,
        conmonPaths,
        cgroupManager,
        eventsLogger,
        eventsLogfile,
        logLevel,
        cfg);
  }

  private static boolean given(String v) {
    return v != null && !v.isEmpty();
  }
}
