package io.jpod.cli.pod;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod stop}: stops the members, then the infra container; prints each pod's id. */
@Command(name = "stop", description = "Stop one or more pods")
public final class PodStopCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "stop all pods") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;
  @Option(names = {"-t", "--time"}, converter = io.jpod.cli.GoFlags.Uint.class, description = "Seconds to wait for pod stop before killing the container") Integer time;
  @Option(names = {"-i", "--ignore"}, description = "Ignore errors when a specified pod is missing") boolean ignore;
  @Parameters(arity = "0..*", paramLabel = "POD") List<String> names = new ArrayList<>();

  public PodStopCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var engine = ctx.engine();
    return Batch.each(ctx, PodTargets.resolve(ctx, names, all, latest), n -> {
      if (time != null && time < 0) {
        throw io.jpod.common.JpodException.invalid("invalid argument \"" + time + "\" for \"-t, --time\" flag: must be 0 or greater");
      }
      try {
        ctx.out().println(engine.stopPod(n, time));
      } catch (io.jpod.common.JpodException e) {
        if (!ignore || e.kind() != io.jpod.common.ErrorKind.NOT_FOUND) {
          throw e;
        }
      }
    });
  }
}
