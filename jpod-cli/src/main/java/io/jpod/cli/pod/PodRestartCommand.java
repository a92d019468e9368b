package io.jpod.cli.pod;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod restart}: stops and starts the pod; prints each pod's id. */
@Command(name = "restart", description = "Restart one or more pods")
public final class PodRestartCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "restart all pods") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;

  @Parameters(arity = "0..*", paramLabel = "POD") List<String> names = new ArrayList<>();

  public PodRestartCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var pods = ctx.libpod().pods();
    return Batch.each(ctx, PodTargets.resolve(ctx, names, all, latest), n -> {
      ctx.out().println(pods.restart(n, null).id());
    });
  }
}
