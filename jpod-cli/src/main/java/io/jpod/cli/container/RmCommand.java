package io.jpod.cli.container;

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

/** {@code jpod rm}: remove containers (exit 1 when one is missing, 2 when one is running). */
@Command(name = "rm", aliases = "remove", description = "Remove one or more containers")
public final class RmCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--force"}, description = "Force removal of a running or unusable container") boolean force;
  @Option(names = {"-t", "--time"}, description = "Seconds to wait for stop before killing the container") Integer time;
  @Option(names = {"-a", "--all"}, description = "Remove all containers") boolean all;
  @Option(names = {"-i", "--ignore"}, description = "Ignore errors when a specified container is missing") boolean ignore;
  @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container") boolean volumes;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

  public RmCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (time != null && time < -1) {
      throw JpodException.invalid("invalid argument \"" + time + "\" for \"-t, --time\" flag: must be -1 or greater");
    }
    List<String> targets = new ArrayList<>(names);
    if (all) {
      ctx.libpod().containers().removeOrphans();
      ctx.libpod().state().containers().forEach(r -> targets.add(r.config().id()));
    } else if (targets.isEmpty()) {
      throw JpodException.invalid("`jpod rm` requires at least one argument");
    }
    return Batch.each(ctx, targets, n -> {
      String id;
      try {
        id = ctx.libpod().state().lookupContainer(n).config().id();
        ctx.libpod().containers().remove(n, force, time, volumes);
      } catch (JpodException e) {
        if ((ignore || force) && e.kind() == ErrorKind.NOT_FOUND) {
          return;
        }
        throw e;
      }
      ctx.out().println(all ? id : n);
    }, Batch::rmFamily);
  }
}
