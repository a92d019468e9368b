package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod network disconnect NETWORK CONTAINER}. */
@Command(name = "disconnect", description = "Disconnect a container from a network")
public final class NetworkDisconnectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--force"}, description = "force removal of container from network") boolean force;
  @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

  public NetworkDisconnectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 2) {
      throw JpodException.invalid("accepts 2 arg(s), received " + args.size());
    }
    ctx.engine().disconnectNetwork(args.get(1), args.get(0), force);
    return 0;
  }
}
