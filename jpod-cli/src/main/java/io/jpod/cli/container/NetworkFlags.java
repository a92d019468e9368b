package io.jpod.cli.container;

import io.jpod.core.network.NetworkRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The networking flags of {@code create} and {@code run}. */
public final class NetworkFlags {
  @Option(names = {"--network", "--net"}, description = "Connect a container to a network") List<String> networks = new ArrayList<>();
  @Option(names = {"-p", "--publish"}, description = "Publish a container's port, or a range of ports, to the host") List<String> publish = new ArrayList<>();
  @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports on the host interface") boolean publishAll;
  @Option(names = "--expose", description = "Expose a port or a range of ports") List<String> expose = new ArrayList<>();
  @Option(names = "--ip", description = "Specify a static IPv4 address for the container") String ip;
  @Option(names = "--ip6", description = "Specify a static IPv6 address for the container") String ip6;
  @Option(names = "--mac-address", description = "Container MAC address (e.g. 92:d0:c6:0a:29:33)") String mac;
  @Option(names = "--network-alias", description = "Add network-scoped alias for the container") List<String> aliases = new ArrayList<>();
  @Option(names = "--dns", description = "Set custom DNS servers") List<String> dns = new ArrayList<>();
  @Option(names = "--dns-search", description = "Set custom DNS search domains") List<String> dnsSearch = new ArrayList<>();
  @Option(names = "--dns-option", description = "Set custom DNS options") List<String> dnsOptions = new ArrayList<>();
  @Option(names = "--add-host", description = "Add a custom host-to-IP mapping (host:ip)") List<String> addHosts = new ArrayList<>();
  @Option(names = "--no-hosts", description = "Do not create /etc/hosts within the container, instead use the version from the image") boolean noHosts;

  /** The request; several {@code --network} flags join into one comma-separated list as podman allows. */
  public NetworkRequest request() {
    Optional<String> net = networks.isEmpty() ? Optional.empty() : Optional.of(String.join(",", networks));
    List<String> ports = new ArrayList<>();
    publish.forEach(p -> ports.add(p));
    return new NetworkRequest(net, ports, publishAll, expose, Optional.ofNullable(ip), Optional.ofNullable(mac),
        aliases, dns, dnsSearch, dnsOptions, addHosts, noHosts, Optional.ofNullable(ip6));
  }
}
