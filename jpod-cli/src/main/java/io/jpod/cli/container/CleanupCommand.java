package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod container cleanup}: what conmon runs after a container exits (its exit command):
 * record the exit, release the runtime's and storage's resources, remove --rm containers.
 */
@Command(name = "cleanup", description = "Clean up network and mountpoints of one or more containers")
public final class CleanupCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--rm", description = "After cleanup, remove the container entirely") boolean rm;
  @Option(names = "--exec", description = "Clean up the given exec session instead of the container") String exec;
  @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> names;

  public CleanupCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    for (String n : names) {
      try {
        if (exec != null) {
          ctx.libpod().containers().cleanupExecSession(n, exec);
        } else {
          ctx.libpod().containers().cleanupAfterExit(n);
          if (rm) {
            ctx.libpod().containers().remove(n, true, 0);
          }
        }
      } catch (JpodException e) {
        // The foreground jpod (run, rm) often got there first; a container already gone is fine.
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    }
    return 0;
  }
}
