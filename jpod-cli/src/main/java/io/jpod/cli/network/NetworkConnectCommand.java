package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod network connect NETWORK CONTAINER}. */
@Command(name = "connect", description = "Add container to a network")
public final class NetworkConnectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--alias", description = "network scoped alias for container") List<String> aliases = new ArrayList<>();
  @Option(names = "--ip", description = "set a static ipv4 address for this container network") String ip;
  @Option(names = "--ip6", description = "set a static ipv6 address for this container network") String ip6;
  @Option(names = "--mac-address", description = "set a static mac address for this container network") String mac;
  @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

  public NetworkConnectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 2) {
      throw JpodException.invalid("accepts 2 arg(s), received " + args.size());
    }
    ctx.engine().connectNetwork(args.get(1), args.get(0), aliases, ip, ip6, mac);
    return 0;
  }
}
