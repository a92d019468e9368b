package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod container exists}: exit 0 if the container exists, 1 if not. */
@Command(name = "exists", description = "Check if a container exists in local storage")
public final class ExistsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "CONTAINER") String container;

  public ExistsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return ctx.libpod().containers().exists(container) ? 0 : 1;
  }
}
