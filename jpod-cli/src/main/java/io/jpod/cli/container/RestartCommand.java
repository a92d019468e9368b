package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod restart}: stop then start. */
@Command(name = "restart", description = "Restart one or more containers")
public final class RestartCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-t", "--time"}, converter = io.jpod.cli.GoFlags.Uint.class, description = "Seconds to wait for stop before killing the container") Integer time;
  @Option(names = {"-a", "--all"}, description = "Restart all non-running containers") boolean all;
  @Option(names = "--running", description = "Restart only running containers") boolean running;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new java.util.ArrayList<>();

  public RestartCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<String> targets = Selection.pick(ctx, names, all, latest, running ? Selection.inState("running") : c -> true);
    int missing = Batch.firstMissingContainer(ctx, names);
    if (missing != 0) {
      return missing;
    }
    return Batch.each(ctx, targets, n -> {
      ctx.engine().restart(n, time);
      ctx.out().println(n);
    });
  }
}
