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
  // conmon's exit command: nothing to say, and a container already gone (or running again) is fine
  @Option(names = "--exit", hidden = true) boolean exitCommand;
  @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> names;

  public CleanupCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (exitCommand) {
      for (String n : names) {
        try {
          ctx.libpod().containers().cleanupAfterExit(n);
          if (rm) {
            ctx.libpod().containers().remove(n, true, 0);
          }
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
        }
      }
      return 0;
    }
    return io.jpod.cli.Batch.each(ctx, names, n -> {
      var containers = ctx.libpod().containers();
      if (exec != null) {
        containers.cleanupExecSession(n, exec);
        return;
      }
      String id = containers.get(n).config().id(); // an unknown name fails, as podman's
      containers.cleanupAfterExit(id);
      var now = ctx.libpod().state().container(id);
      if (now.isPresent() && now.get().state().status().isAlive()) {
        throw JpodException.wrongState("failed to clean up container " + id + ": container " + id
            + " is running or paused, refusing to clean up: container state improper");
      }
      if (rm && now.isPresent()) {
        try {
          containers.remove(id, true, 0);
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e; // NOT_FOUND: the foreground jpod removed it meanwhile
          }
        }
      }
      ctx.out().println(n);
    });
  }
}
