package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jpod update}: change the cgroup limits of a container, live when it runs. */
@Command(name = "update", description = "Update an existing container")
public final class UpdateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin ResourceFlags resources;
  @Parameters(index = "0", paramLabel = "CONTAINER") String container;

  public UpdateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var rec = ctx.libpod().containers().update(container, resources.request(null), resources.pidsLimit());
    ctx.out().println(rec.config().id());
    return 0;
  }
}
