package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod attach}: connect to a running container's stdio (detach with ctrl-p,ctrl-q). */
@Command(name = "attach", description = "Attach to a running container")
public final class AttachCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--detach-keys", description = "Select the key sequence for detaching a container") String detachKeys;
  @Option(names = "--no-stdin", description = "Do not attach STDIN") boolean noStdin;
  @Option(names = "--sig-proxy", description = "Proxy received signals to the process", defaultValue = "true", arity = "0..1") boolean sigProxy = true;
  @Parameters(index = "0", paramLabel = "CONTAINER") String container;

  public AttachCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var svc = ctx.libpod().containers();
    var rec = svc.get(container);
    boolean stdin = !noStdin && rec.config().stdin();
    var streams = Terminals.streams(ctx, stdin, true, detachKeys);
    try (Terminals t = Terminals.rawIfTty(rec.config().tty() && stdin);
        SignalProxy proxy = SignalProxy.forward(ctx, rec.config().id(), sigProxy)) {
      if (rec.config().tty()) {
        Terminals.sendWindowSize(svc.paths(rec.config()));
      }
      var r = svc.attach(container, streams);
      ctx.out().flush();
      return r.exitCode();
    }
  }
}
