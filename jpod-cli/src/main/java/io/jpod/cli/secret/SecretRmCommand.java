package io.jpod.cli.secret;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod secret rm}: prints each removed secret's id. As in podman 4.3.1, secrets used by containers
 * can be removed (their mounted copies stay; an env secret then stops the container from starting).
 */
@Command(name = "rm", description = "Remove one or more secrets")
public final class SecretRmCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Remove all secrets") boolean all;
  @Parameters(arity = "0..*", paramLabel = "SECRET") List<String> names = new ArrayList<>();

  public SecretRmCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (all == !names.isEmpty()) {
      throw JpodException.invalid("`jpod secret rm` requires one argument, or the --all flag");
    }
    List<String> targets = new ArrayList<>(names);
    if (all) {
      ctx.libpod().secrets().list().forEach(s -> targets.add(s.id()));
    }
    return Batch.each(ctx, targets, n -> ctx.out().println(ctx.libpod().secrets().remove(n).id()));
  }
}
