package io.jpod.core.oci;

import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * How conmon is run for this engine: its binary, verbosity, environment, the exit command it runs
 * after the container exits, and the hook that moves it into its cgroup before it is released.
 */
public record ConmonOptions(
    String conmonPath,
    String logLevel,
    Map<String, String> env,
    List<String> exitCommand,
    boolean runtimeSupportsJson,
    boolean noPivot,
    boolean systemdCgroup,
    LongConsumer placeInCgroup) {

  public ConmonOptions {
    env = Map.copyOf(env);
    exitCommand = List.copyOf(exitCommand);
  }

  public ConmonOptions withExitCommand(List<String> command) {
    return new ConmonOptions(conmonPath, logLevel, env, command, runtimeSupportsJson, noPivot, systemdCgroup, placeInCgroup);
  }
}
