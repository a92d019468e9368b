package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod pod exists}: exit 0 if the pod exists, 1 if not. */
@Command(name = "exists", description = "Check if a pod exists in local storage")
public final class PodExistsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "POD") String pod;

  public PodExistsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return ctx.libpod().pods().exists(pod) ? 0 : 1;
  }
}
