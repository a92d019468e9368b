package io.jpod.core.network;

import java.util.List;

/**
 * A container's resolved networking, stored in its config.
 *
 * @param mode bridge (own namespace wired to {@code networks} by the network backend), none (own
 *     namespace with loopback only), host, container ({@code target} is the container whose namespace
 *     is joined) or ns ({@code target} is a namespace path)
 * @param target the joined container's id or the namespace path; null otherwise
 * @param networks the networks of a bridge-mode container, in connection order
 * @param ports published ports (host ports already chosen)
 * @param exposed exposed ports ("80/tcp"), from the image and {@code --expose}
 * @param publishAll {@code -P} was given
 * @param dnsServers {@code --dns}
 * @param dnsSearch {@code --dns-search}
 * @param dnsOptions {@code --dns-option}
 * @param addHosts {@code --add-host} entries as HOST:IP
 * @param noHosts do not manage /etc/hosts
 */
public record NetworkConfig(
    String mode,
    String target,
    List<NetworkAttachment> networks,
    List<PortMapping> ports,
    List<String> exposed,
    boolean publishAll,
    List<String> dnsServers,
    List<String> dnsSearch,
    List<String> dnsOptions,
    List<String> addHosts,
    boolean noHosts) {

  public NetworkConfig {
    networks = networks == null ? List.of() : List.copyOf(networks);
    ports = ports == null ? List.of() : List.copyOf(ports);
    exposed = exposed == null ? List.of() : List.copyOf(exposed);
    dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    dnsSearch = dnsSearch == null ? List.of() : List.copyOf(dnsSearch);
    dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
    addHosts = addHosts == null ? List.of() : List.copyOf(addHosts);
  }

  /** A config with only a mode (and target), everything else empty. */
  public static NetworkConfig of(String mode, String target) {
    return new NetworkConfig(mode, target, List.of(), List.of(), List.of(), false, List.of(), List.of(),
        List.of(), List.of(), false);
  }

  public boolean isHost() {
    return mode.equals("host");
  }

  /** The container joins another container's network namespace. */
  public boolean joinsContainer() {
    return mode.equals("container");
  }
}
