package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.sys.Processes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod kill}: send a signal to containers' main processes. */
@Command(name = "kill", description = "Kill one or more running containers with a specific signal")
public final class KillCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-s", "--signal"}, description = "Signal to send to the container", defaultValue = "KILL") String signal;
  @Option(names = {"-a", "--all"}, description = "Signal all running containers") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Option(names = "--cidfile", description = "Read the container ID from the file") List<String> cidFiles = new ArrayList<>();
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

  public KillCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    int sig = Processes.signalNumber(signal);
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
      throw io.jpod.common.JpodException.invalid("you must provide at least one name or id");
    }
    int missing = Batch.firstMissingContainer(ctx, names);
    if (missing != 0) {
      return missing;
    }
    return Batch.each(ctx, targets, n -> {
      ctx.engine().kill(n, sig);
      ctx.out().println(n);
    });
  }
}
