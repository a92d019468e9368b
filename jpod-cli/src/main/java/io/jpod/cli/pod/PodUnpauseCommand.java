package io.jpod.cli.pod;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod unpause}: unpauses every paused container of the pod; prints each pod's id. */
@Command(name = "unpause", description = "Unpause one or more pods")
public final class PodUnpauseCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "unpause all pods") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;

  @Parameters(arity = "0..*", paramLabel = "POD") List<String> names = new ArrayList<>();

  public PodUnpauseCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var pods = ctx.libpod().pods();
    return Batch.each(ctx, PodTargets.resolve(ctx, names, all, latest), n -> {
      ctx.out().println(pods.unpause(n).id());
    });
  }
}
