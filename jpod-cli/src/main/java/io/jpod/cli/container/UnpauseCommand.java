package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod unpause}: thaw paused containers. */
@Command(name = "unpause", description = "Unpause the processes in one or more containers")
public final class UnpauseCommand implements Callable<Integer> {
  private final CliContext ctx;

  @picocli.CommandLine.Option(names = {"-a", "--all"}, description = "Unpause all paused containers") boolean all;
  @picocli.CommandLine.Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new java.util.ArrayList<>();

  public UnpauseCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<String> targets = Selection.pick(ctx, names, all, latest, Selection.inState("paused"));
    int missing = Batch.firstMissingContainer(ctx, names);
    if (missing != 0) {
      return missing;
    }
    return Batch.each(ctx, targets, n -> {
      ctx.engine().unpause(n);
      ctx.out().println(n);
    });
  }
}
