package io.jpod.cli.pod;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod start}: starts the infra container, then the members; prints each pod's id. */
@Command(name = "start", description = "Start one or more pods")
public final class PodStartCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "start all pods") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;

  @Parameters(arity = "0..*", paramLabel = "POD") List<String> names = new ArrayList<>();

  public PodStartCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var engine = ctx.engine();
    return Batch.each(ctx, PodTargets.resolve(ctx, names, all, latest), n -> {
      ctx.out().println(engine.startPod(n));
    });
  }
}
