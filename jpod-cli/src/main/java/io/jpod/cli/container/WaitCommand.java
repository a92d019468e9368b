package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod wait}: block until containers exit and print their exit codes. */
@Command(name = "wait", description = "Block on one or more containers")
public final class WaitCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> names;

  public WaitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return Batch.each(ctx, names, n -> {
      int code = ctx.libpod().containers().waitForExit(n);
      ctx.out().println(code);
      ctx.out().flush();
    });
  }
}
