package io.jpod.core;

import java.nio.file.Path;
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
    ContainerDefaults defaults) {

  public LibpodOptions {
    runtimePaths = Map.copyOf(runtimePaths);
    conmonPaths = List.copyOf(conmonPaths);
    runtimeSupportsJson = List.copyOf(runtimeSupportsJson);
    exitCommand = List.copyOf(exitCommand);
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
