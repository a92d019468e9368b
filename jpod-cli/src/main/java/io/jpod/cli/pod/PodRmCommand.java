package io.jpod.cli.pod;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pod rm}: removes pods with their containers; prints each removed pod's id. */
@Command(name = "rm", description = "Remove one or more pods")
public final class PodRmCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Remove all running pods") boolean all;
  @Option(names = {"-f", "--force"}, description = "Force removal of a running pod by first stopping all containers, then removing all containers in the pod") boolean force;
  @Option(names = {"-i", "--ignore"}, description = "Ignore errors when a specified pod is missing") boolean ignore;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;
  @Option(names = {"-t", "--time"}, converter = io.jpod.cli.GoFlags.Uint.class, description = "Seconds to wait for pod stop before killing the container") Integer time;
  @Parameters(arity = "0..*", paramLabel = "POD") List<String> names = new ArrayList<>();

  public PodRmCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (time != null && time < 0) {
      throw JpodException.invalid("invalid argument \"" + time + "\" for \"-t, --time\" flag: must be 0 or greater");
    }
    List<String> targets = all ? PodTargets.resolve(ctx, names, true, false)
        : names.isEmpty() && !latest ? List.of() : PodTargets.resolve(ctx, names, false, latest);
    if (targets.isEmpty() && !all) {
      throw JpodException.invalid("you must provide at least one name or id");
    }
    var engine = ctx.engine();
    return Batch.each(ctx, targets, n -> {
      String id;
      try {
        id = engine.removePod(n, force, time);
      } catch (JpodException e) {
        if ((ignore || force) && e.kind() == ErrorKind.NOT_FOUND) { // podman: -f implies --ignore
          return;
        }
        throw e;
      }
      ctx.out().println(id);
    }, e -> e.kind() == ErrorKind.NOT_FOUND ? 1 : e.kind().exitCode());
  }
}
