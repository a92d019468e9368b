package io.jpod.core.oci.conmon;

import java.util.ArrayList;
import java.util.List;

/**
 * conmon's argument list for creating a container, in the order libpod writes it (see conmon's
 * {@code --help} and podman's {@code createOCIContainer}). Pure: building it touches nothing.
 *
 * @param conmonPath conmon's binary
 * @param containerId {@code -c} and {@code -u}: libpod passes the container id for both
 * @param name {@code -n}
 * @param runtimePath {@code -r}
 * @param bundle {@code -b}: where config.json, attach, ctl and winsz live
 * @param pidFile {@code -p}: the runtime writes the container's init pid here
 * @param exitDir {@code --exit-dir}: conmon writes {@code <exitDir>/<id>} with the exit code
 * @param logDriver k8s-file, none or passthrough
 * @param logPath the k8s-file log
 * @param logSizeMax truncate the log beyond this many bytes; -1 for no limit
 * @param logLevel conmon's own verbosity
 * @param ociLog the runtime's JSON error log, passed as runtime arguments
 * @param runtimeSupportsJson whether the runtime understands {@code --log-format=json}
 * @param terminal {@code -t}
 * @param stdin {@code -i} (libpod passes it only without a terminal)
 * @param noPivot {@code --no-pivot}
 * @param conmonPidFile {@code --conmon-pidfile}
 * @param exitCommand the program conmon runs after the container exits, with its arguments
 * @param systemdCgroup {@code -s}
 * @param timeout {@code -T}: seconds after which conmon kills the container ({@code run --timeout}), 0 for none
 */
public record ConmonCommand(
    String conmonPath,
    String containerId,
    String name,
    String runtimePath,
    String bundle,
    String pidFile,
    String exitDir,
    String logDriver,
    String logPath,
    long logSizeMax,
    String logLevel,
    String ociLog,
    boolean runtimeSupportsJson,
    boolean terminal,
    boolean stdin,
    boolean noPivot,
    String conmonPidFile,
    List<String> exitCommand,
    boolean systemdCgroup,
    int timeout) {

  public ConmonCommand {
    exitCommand = List.copyOf(exitCommand);
  }

  /** The full argv, conmon's path first. */
  public List<String> argv() {
    List<String> a = new ArrayList<>();
    a.add(conmonPath);
    // conmon declares --api-version without a value; libpod still writes "1", which conmon ignores.
    a.addAll(List.of("--api-version", "1"));
    a.addAll(List.of("-c", containerId, "-u", containerId, "-r", runtimePath, "-b", bundle));
    a.addAll(List.of("-p", pidFile, "-n", name, "--exit-dir", exitDir));
    a.add("--full-attach");
    if (systemdCgroup) {
      a.add("-s");
    }
    a.addAll(List.of("-l", logArgument()));
    a.addAll(List.of("--log-level", logLevel));
    if (logSizeMax > 0) {
      a.addAll(List.of("--log-size-max", Long.toString(logSizeMax)));
    }
    if (runtimeSupportsJson) {
      a.addAll(List.of("--runtime-arg", "--log-format=json", "--runtime-arg", "--log"));
      a.add("--runtime-arg=" + ociLog);
    }
    if (terminal) {
      a.add("-t");
    } else if (stdin) {
      a.add("-i");
    }
    if (noPivot) {
      a.add("--no-pivot");
    }
    if (timeout > 0) {
      a.addAll(List.of("-T", Integer.toString(timeout)));
    }
    a.addAll(List.of("--conmon-pidfile", conmonPidFile));
    if (!exitCommand.isEmpty()) {
      // A second's delay lets a foreground jpod (run, start -a) finish the cleanup itself first, so
      // the exit command usually finds nothing to do and never starts a JVM.
      a.addAll(List.of("--exit-delay", "1"));
      a.addAll(exitCommandArgs(exitCommand));
    }
    return List.copyOf(a);
  }

  /** {@code --exit-command PROGRAM --exit-command-arg ARG ...} for a command line; empty for none. */
  public static List<String> exitCommandArgs(List<String> command) {
    List<String> a = new ArrayList<>();
    if (!command.isEmpty()) {
      a.addAll(List.of("--exit-command", command.getFirst()));
      for (String arg : command.subList(1, command.size())) {
        a.addAll(List.of("--exit-command-arg", arg));
      }
    }
    return a;
  }

  private String logArgument() {
    return switch (logDriver) {
      case "none", "passthrough" -> logDriver;
      default -> "k8s-file:" + logPath;
    };
  }
}
