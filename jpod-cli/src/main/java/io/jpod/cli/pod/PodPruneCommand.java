package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod pod prune}: removes every pod without running containers; prints their ids. */
@Command(name = "prune", description = "Remove all stopped pods and their containers")
public final class PodPruneCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.  The default is false") boolean force;

  public PodPruneCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (!force) {
      ctx.out().print("WARNING! This will remove all stopped/exited pods..\nAre you sure you want to continue? [y/N] ");
      ctx.out().flush();
      String answer = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
      if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
        return 0;
      }
    }
    try {
      ctx.libpod().pods().prune().forEach(ctx.out()::println);
    } catch (JpodException e) {
      throw e;
    }
    return 0;
  }
}
