package io.jpod.core.network;

import java.util.List;
import java.util.Map;

/**
 * A running container's network state, saved in its state while its network is set up.
 *
 * @param netnsPath the network namespace file (/run/netns/netns-UUID) jpod created, or null
 * @param networks per network name, what the backend reported
 */
public record NetworkStatus(String netnsPath, Map<String, Result> networks) {
  public NetworkStatus {
    networks = networks == null ? Map.of() : Map.copyOf(networks);
  }

  /** netavark's per-network setup result. */
  public record Result(List<String> dnsServerIps, List<String> dnsSearchDomains, Map<String, Interface> interfaces) {
    public Result {
      dnsServerIps = dnsServerIps == null ? List.of() : List.copyOf(dnsServerIps);
      dnsSearchDomains = dnsSearchDomains == null ? List.of() : List.copyOf(dnsSearchDomains);
      interfaces = interfaces == null ? Map.of() : Map.copyOf(interfaces);
    }
  }

  /** One interface in the container: its MAC and addresses. */
  public record Interface(String macAddress, List<Subnet> subnets) {
    public Interface {
      subnets = subnets == null ? List.of() : List.copyOf(subnets);
    }
  }

  /** An address with prefix ("10.88.0.5/16") and its gateway. */
  public record Subnet(String ipnet, String gateway) {}
}
