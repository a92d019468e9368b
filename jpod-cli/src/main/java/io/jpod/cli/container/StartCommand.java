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
  @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> names;

  public StartCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (!(attach || interactive)) {
      return Batch.each(ctx, names, n -> {
        ctx.engine().start(n);
        ctx.out().println(n);
      });
    }
    if (names.size() > 1) {
      throw JpodException.invalid("you cannot start and attach multiple containers at once");
    }
    ContainerService containers = ctx.libpod().containers();
    var rec = containers.get(names.getFirst());
    boolean tty = rec.config().tty();
    var streams = Terminals.streams(ctx, interactive, tty, detachKeys);
    try (Terminals t = Terminals.rawIfTty(tty && interactive)) {
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
