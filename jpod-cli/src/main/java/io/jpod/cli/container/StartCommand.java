package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod start}: start one or more containers, optionally attached. */
@Command(name = "start", description = "Start one or more containers")
public final class StartCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--attach"}, description = "Attach container's STDOUT and STDERR") boolean attach;
  @Option(names = {"-i", "--interactive"}, description = "Make STDIN available to the contained process") boolean interactive;
  @Option(names = "--detach-keys", description = "Select the key sequence for detaching a container") String detachKeys;
  @Option(names = "--sig-proxy", description = "Proxy received signals to the process (default true if attaching, false otherwise)", arity = "0..1")
  Boolean sigProxy;
  @Option(names = "--all", description = "Start all containers regardless of their state or configuration") boolean all;
  @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions given") List<String> filters = new java.util.ArrayList<>();
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new java.util.ArrayList<>();

  public StartCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (all && !names.isEmpty()) {
      throw JpodException.invalid("either start all containers or the container(s) provided in the arguments");
    }
    if (Boolean.TRUE.equals(sigProxy) && !attach) {
      throw JpodException.invalid("you cannot use sig-proxy without --attach: invalid argument");
    }
    if (names.isEmpty() && !all && filters.isEmpty()) {
      throw JpodException.invalid("start requires at least one argument");
    }
    if (!names.isEmpty() && !(attach || interactive)) {
      // through the engine, so it also works against a service (--remote)
      int missing = Batch.firstMissingContainer(ctx, names);
      if (missing != 0) {
        return missing;
      }
      return Batch.each(ctx, names, n -> {
        ctx.engine().start(n);
        ctx.out().println(n);
      });
    }
    ContainerService containers = ctx.libpod().containers();
    if (names.isEmpty()) {
      // --all / --filter (podman-restart.service runs "start --all --filter restart-policy=always" at boot)
      ContainerFilter filter = ContainerFilter.parse(filters, r -> "", containers::get);
      List<String> ids = containers.list().stream()
          .filter(r -> r.state().status() != io.jpod.core.container.ContainerStatus.RUNNING && filter.test(r))
          .map(r -> r.config().id()).toList();
      return Batch.each(ctx, ids, id -> {
        containers.start(id);
        ctx.out().println(id);
      });
    }
    if (names.size() > 1) {
      throw JpodException.invalid("you cannot start and attach multiple containers at once");
    }
    var rec = containers.get(names.getFirst());
    boolean tty = rec.config().tty();
    var streams = Terminals.streams(ctx, interactive, tty, detachKeys);
    try (Terminals t = Terminals.rawIfTty(tty && interactive);
        SignalProxy proxy = SignalProxy.forward(ctx, rec.config().id(), sigProxy == null || sigProxy)) {
      var r = containers.startAttached(rec.config().id(), streams, () -> {
        if (tty) {
          Terminals.sendWindowSize(containers.paths(rec.config()));
        }
      });
      ctx.out().flush();
      return r.exitCode();
    }
  }
}
