package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod network exists NETWORK}: exit 0 if it exists, 1 if not. */
@Command(name = "exists", description = "network exists")
public final class NetworkExistsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "NETWORK") List<String> args = new ArrayList<>();

  public NetworkExistsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 1) {
      throw JpodException.invalid("accepts 1 arg(s), received " + args.size());
    }
    return ctx.libpod().networks().store().find(args.getFirst()).isPresent() ? 0 : 1;
  }
}
