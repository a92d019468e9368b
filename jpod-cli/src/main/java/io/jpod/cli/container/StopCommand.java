package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod stop}: the stop signal, then SIGKILL after the timeout. */
@Command(name = "stop", description = "Stop one or more containers")
public final class StopCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-t", "--time"}, converter = io.jpod.cli.GoFlags.Uint.class, description = "Seconds to wait for stop before killing the container") Integer time;
  @Option(names = {"-a", "--all"}, description = "Stop all running containers") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Option(names = {"-i", "--ignore"}, description = "Ignore errors when a specified container is missing") boolean ignore;
  @Option(names = "--cidfile", description = "Read the container ID from the file") List<String> cidFiles = new ArrayList<>();
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

  public StopCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (time != null && time < 0) {
      throw JpodException.invalid("invalid argument \"" + time + "\" for \"-t, --time\" flag: must be 0 or greater");
    }
    if (all && !names.isEmpty()) {
      throw JpodException.invalid("no arguments are needed with --all");
    }
    if (latest) {
      names = Selection.pick(ctx, names, all, true, c -> true);
    }
    List<String> targets = new ArrayList<>(names);
    targets.addAll(CidFiles.read(cidFiles));
    if (all) {
      ctx.engine().containers(false).forEach(c -> targets.add(String.valueOf(c.get("Id"))));
    } else if (targets.isEmpty() && cidFiles.isEmpty()) {
      throw JpodException.invalid("you must provide at least one container name or id");
    }
    int missing = ignore ? 0 : Batch.firstMissingContainer(ctx, names);
    if (missing != 0) {
      return missing;
    }
    return Batch.each(ctx, targets, n -> {
      try {
        ctx.engine().stop(n, time);
      } catch (JpodException e) {
        if (ignore && e.kind() == io.jpod.common.ErrorKind.NOT_FOUND) {
          return;
        }
        throw e;
      }
      ctx.out().println(n);
    });
  }
}
