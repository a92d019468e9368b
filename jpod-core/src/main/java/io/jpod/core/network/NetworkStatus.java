package io.jpod.core.network;

import java.util.List;
import java.util.Map;

/**
 * A running container's network state, saved in its state while its network is set up.
 *
 * @param netnsPath the network namespace file (/run/netns/netns-UUID) jpod created, or null
 * @param networks per network name, what the backend reported
 * @param definitions the network definitions as they were at setup, so teardown undoes exactly what
 *     setup did even if the definitions moved (another config dir) or changed since
 * @param backend the backend that set it up (netavark or cni; null in states saved before there was a
 *     choice: netavark), so a jpod configured otherwise still tears down with the right one
 */
public record NetworkStatus(String netnsPath, Map<String, Result> networks, Map<String, Network> definitions, String backend) {
  public NetworkStatus {
    networks = networks == null ? Map.of() : Map.copyOf(networks);
    definitions = definitions == null ? Map.of() : Map.copyOf(definitions);
  }

  /** A status with results only (a namespace jpod did not set up itself); static so that the stored
   * JSON binds through the one canonical constructor. */
  public static NetworkStatus of(String netnsPath, Map<String, Result> networks) {
    return new NetworkStatus(netnsPath, networks, Map.of(), null);
  }

  /** The same status with other results and definitions (network connect/disconnect). */
  public NetworkStatus with(Map<String, Result> newNetworks, Map<String, Network> newDefinitions) {
    return new NetworkStatus(netnsPath, newNetworks, newDefinitions, backend);
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
