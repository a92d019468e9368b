package io.jpod.core.oci;

import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * How conmon is run for this engine: its binary, verbosity, environment, the exit command it runs
 * after the container exits, the hook that moves it into its cgroup before it is released, and the
 * descriptors it holds for the container's lifetime (reserved host ports).
 */
public record ConmonOptions(
    String conmonPath,
    String logLevel,
    Map<String, String> env,
    List<String> exitCommand,
    boolean runtimeSupportsJson,
    boolean noPivot,
    boolean systemdCgroup,
    LongConsumer placeInCgroup,
    List<io.jpod.sys.Fd> heldFds) {

  public ConmonOptions {
    env = Map.copyOf(env);
    exitCommand = List.copyOf(exitCommand);
    heldFds = heldFds == null ? List.of() : List.copyOf(heldFds);
  }

  public ConmonOptions(String conmonPath, String logLevel, Map<String, String> env, List<String> exitCommand,
      boolean runtimeSupportsJson, boolean noPivot, boolean systemdCgroup, LongConsumer placeInCgroup) {
    this(conmonPath, logLevel, env, exitCommand, runtimeSupportsJson, noPivot, systemdCgroup, placeInCgroup, List.of());
  }

  public ConmonOptions withExitCommand(List<String> command) {
    return new ConmonOptions(conmonPath, logLevel, env, command, runtimeSupportsJson, noPivot, systemdCgroup, placeInCgroup,
        heldFds);
  }

  /**
   * The same options with descriptors conmon inherits after the sync and start pipes and keeps for
   * its lifetime without using them: the published host ports podman reserves this way.
   */
  public ConmonOptions withHeldFds(List<io.jpod.sys.Fd> fds) {
    return new ConmonOptions(conmonPath, logLevel, env, exitCommand, runtimeSupportsJson, noPivot, systemdCgroup, placeInCgroup,
        fds);
  }
}
