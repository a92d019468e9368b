package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod network prune [-f]}: removes networks no container uses (never the default). */
@Command(name = "prune", description = "Prune unused networks")
public final class NetworkPruneCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--force"}, description = "do not prompt for confirmation") boolean force;
  @Option(names = "--filter", description = "Provide filter values (e.g. 'label=<key>=<value>')") List<String> filters = new ArrayList<>();

  public NetworkPruneCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    if (!force) {
      ctx.out().print("WARNING! This will remove all networks not used by at least one container.\nAre you sure you want to continue? [y/N] ");
      ctx.out().flush();
      String answer = new java.io.BufferedReader(new java.io.InputStreamReader(ctx.in())).readLine();
      if (answer == null || !answer.strip().toLowerCase().startsWith("y")) {
        return 0;
      }
    }
    java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
    for (String f : filters) {
      if (f.startsWith("label=")) {
        String v = f.substring(6);
        int eq = v.indexOf('=');
        labels.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
      } else {
        throw io.jpod.common.JpodException.invalid("invalid filter \"" + f + "\"");
      }
    }
    ctx.libpod().networks().prune(labels).forEach(ctx.out()::println);
    return 0;
  }
}
