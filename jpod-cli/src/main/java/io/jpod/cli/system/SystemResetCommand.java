package io.jpod.cli.system;

import io.jpod.cli.CliContext;
import io.jpod.cli.Prompts;
import io.jpod.common.JpodException;
import io.jpod.common.Logrus;
import io.jpod.core.system.SystemReset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod system reset}: removes all containers, pods, images, networks, volumes and the storage. */
@Command(name = "reset", description = "Reset jpod storage")
public final class SystemResetCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
  @Parameters(arity = "0..*", hidden = true) List<String> extra = new ArrayList<>();

  public SystemResetCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (!extra.isEmpty()) {
      throw JpodException.invalid("`jpod system reset` takes no arguments");
    }
    if (!force) {
      var o = ctx.libpod().options();
      String warning = """
          WARNING! This will remove:
                  - all containers
                  - all pods
                  - all images
                  - all networks
                  - all build cache
                  - all machines
                  - all volumes
                  - the graphRoot directory: "%s"
                  - the runRoot directory: "%s"
          Are you sure you want to continue? [y/N]\s""".formatted(o.graphRoot(), o.runRoot());
      try {
        if (!Prompts.confirm(ctx, warning)) {
          return 0;
        }
      } catch (JpodException e) {
        // podman logs the read error and exits 1 instead of its usual "Error:" line
        ctx.out().flush();
        Logrus.error(e.getMessage());
        return 1;
      }
    }
    List<String> errors = new SystemReset(ctx.libpod()).run();
    errors.forEach(e -> Logrus.error(e));
    return 0;
  }
}
