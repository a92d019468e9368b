package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.network.Network;
import io.jpod.core.network.NetworkService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod network create [NAME]}: prints the new network's name. */
@Command(name = "create", description = "Create networks for containers and pods")
public final class NetworkCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--driver"}, defaultValue = "bridge", description = "Driver to manage the network") String driver;
  @Option(names = "--subnet", description = "Subnets in CIDR format") List<String> subnets = new ArrayList<>();
  @Option(names = "--gateway", description = "IPv4 or IPv6 gateway for the subnet") List<String> gateways = new ArrayList<>();
  @Option(names = "--ip-range", description = "Allocate container IP from range") List<String> ipRanges = new ArrayList<>();
  @Option(names = "--internal", description = "Restrict external access from this network") boolean internal;
  @Option(names = "--label", description = "Set metadata on a network") List<String> labels = new ArrayList<>();
  @Option(names = {"-o", "--opt"}, description = "Set driver specific options") List<String> opts = new ArrayList<>();
  @Option(names = "--disable-dns", description = "Disable dns plugin") boolean disableDns;
  @Option(names = "--ipv6", description = "Enable IPv6 networking") boolean ipv6;
  @Option(names = "--ignore", description = "Don't fail if network already exists") boolean ignore;
  @Option(names = "--ipam-driver", description = "IP Address Management Driver") String ipamDriver;
  @Parameters(arity = "0..*", paramLabel = "NAME") List<String> args = new ArrayList<>();

  public NetworkCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() > 1) {
      throw JpodException.invalid("accepts at most 1 arg(s), received " + args.size());
    }
    if (ipamDriver != null && !ipamDriver.equals("host-local")) {
      throw JpodException.invalid("unsupported ipam driver \"" + ipamDriver + "\"");
    }
    Network n = ctx.engine().createNetwork(new NetworkService.CreateRequest(
        args.isEmpty() ? null : args.getFirst(), driver, subnets, gateways, ipRanges, internal,
        keyValues(labels), keyValues(opts), disableDns, ignore, ipv6));
    ctx.out().println(n.name());
    return 0;
  }

  static Map<String, String> keyValues(List<String> items) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : items) {
      int eq = kv.indexOf('=');
      m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    return m;
  }
}
