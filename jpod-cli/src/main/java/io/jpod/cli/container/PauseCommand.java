package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod pause}: freeze all processes in containers. */
@Command(name = "pause", description = "Pause all the processes in one or more containers")
public final class PauseCommand implements Callable<Integer> {
  private final CliContext ctx;

  @picocli.CommandLine.Option(names = {"-a", "--all"}, description = "Pause all running containers") boolean all;
  @picocli.CommandLine.Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new java.util.ArrayList<>();

  public PauseCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<String> targets = Selection.pick(ctx, names, all, latest, Selection.inState("running"));
    int missing = Batch.firstMissingContainer(ctx, names);
    if (missing != 0) {
      return missing;
    }
    return Batch.each(ctx, targets, n -> {
      ctx.engine().pause(n);
      ctx.out().println(n);
    });
  }
}
