package io.jpod.cli.healthcheck;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.supervision.HealthCheckRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod healthcheck run}: runs the container's healthcheck once. Exit 0 and no output when it
 * passed, "unhealthy" and exit 1 when it failed, 125 when there is no check or the container does not
 * run (podman's codes). The interval timer runs this command.
 */
@Command(name = "run", description = "run the health check of a container")
public final class HealthcheckRunCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

  public HealthcheckRunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (names.size() != 1) {
      throw JpodException.invalid("accepts 1 arg(s), received " + names.size());
    }
    HealthCheckRunner.Outcome r = new HealthCheckRunner(ctx.libpod()).run(names.getFirst());
    if (r.failed()) {
      ctx.out().println("unhealthy");
      return 1;
    }
    return 0;
  }
}
