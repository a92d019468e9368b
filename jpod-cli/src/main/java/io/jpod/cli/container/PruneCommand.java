package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod container prune}: remove all stopped containers. */
@Command(name = "prune", description = "Remove all non running containers")
public final class PruneCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
  @Option(names = "--filter", description = "Provide filter values (e.g. 'label=<key>=<value>')") List<String> filters = new ArrayList<>();

  public PruneCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws java.io.IOException {
    ContainerFilter filter = ContainerFilter.prune(filters); // a bad filter fails before the prompt
    if (!force) {
      ctx.out().print("WARNING! This will remove all non running containers.\nAre you sure you want to continue? [y/N] ");
      ctx.out().flush();
      String answer = new java.io.BufferedReader(new java.io.InputStreamReader(ctx.in())).readLine();
      if (answer == null || !answer.strip().toLowerCase().startsWith("y")) {
        return 0;
      }
    }
    if (filters.isEmpty()) {
      ctx.libpod().containers().removeOrphans();
    }
    int rc = 0;
    for (ContainerRecord r : ctx.libpod().containers().list()) {
      if (r.state().status().isAlive() || !filter.test(r)) {
        continue;
      }
      try {
        ctx.libpod().containers().remove(r.config().id(), false, null);
        ctx.out().println(r.config().id());
      } catch (JpodException e) {
        ctx.err().println("Error: " + e.getMessage());
        rc = 125;
      }
    }
    return rc;
  }
}
