package io.jpod.cli.pod;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod kill}: signals every running container of the pod; prints each pod's id. */
@Command(name = "kill", description = "Send the specified signal or SIGKILL to containers in pod")
public final class PodKillCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "kill all pods") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;
  @Option(names = {"-s", "--signal"}, defaultValue = "KILL", description = "Signal to send to the containers in the pod") String signal;
  @Parameters(arity = "0..*", paramLabel = "POD") List<String> names = new ArrayList<>();

  public PodKillCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var pods = ctx.libpod().pods();
    return Batch.each(ctx, PodTargets.resolve(ctx, names, all, latest), n -> {
      ctx.out().println(pods.kill(n, io.jpod.sys.Processes.signalNumber(signal)).id());
    });
  }
}
