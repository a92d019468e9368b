package io.jpod.cli.volume;

import io.jpod.cli.CliContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod volume prune}: removes every volume no container uses, printing their names. */
@Command(name = "prune", description = "Remove all unused volumes")
public final class VolumePruneCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;
  @Option(names = "--filter", description = "Provide filter values (e.g. 'label=<key>=<value>')") List<String> filters = new ArrayList<>();

  public VolumePruneCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (ctx.remote()) {
      if (!force && !confirm()) {
        return 0;
      }
      ctx.engine().pruneVolumes(filters).forEach(ctx.out()::println);
      return 0;
    }
    var filter = VolumeViews.filter(ctx.libpod(), filters);
    if (!force) {
      ctx.out().print("WARNING! This will remove all volumes not used by at least one container. The following volumes will be removed:\n");
      for (var v : ctx.libpod().volumes().list()) {
        if (filter.test(v) && ctx.libpod().volumes().users(v.name()).isEmpty()) {
          ctx.out().println(v.name());
        }
      }
      ctx.out().print("Are you sure you want to continue? [y/N] ");
      ctx.out().flush();
      String answer = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
      if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
        return 0;
      }
    }
    ctx.libpod().volumes().prune(filter).forEach(ctx.out()::println);
    return 0;
  }

  /** podman's prompt in remote mode, where the service picks the unused volumes. */
  private boolean confirm() throws IOException {
    ctx.out().print("WARNING! This will remove all volumes not used by at least one container.\n");
    ctx.out().print("Are you sure you want to continue? [y/N] ");
    ctx.out().flush();
    String answer = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.strip().equalsIgnoreCase("y");
  }
}
