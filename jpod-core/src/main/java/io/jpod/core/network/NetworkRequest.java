package io.jpod.core.network;

import java.util.List;
import java.util.Optional;

/**
 * The networking part of a create request as the user gave it ({@code --network}, {@code -p}, {@code
 * --dns}...), unparsed; {@link NetworkService#resolve} validates it into a {@link NetworkConfig}.
 *
 * @param network the {@code --network} value: bridge, none, host, private, NAME[,NAME...],
 *     container:ID, ns:PATH; empty for the default (bridge on the default network)
 * @param publish {@code -p} values
 * @param publishAll {@code -P}: publish every exposed port on a random host port
 * @param expose {@code --expose} values (PORT[/PROTO] or ranges), added to the image's EXPOSE
 * @param ip {@code --ip}
 * @param mac {@code --mac-address}
 * @param aliases {@code --network-alias}
 * @param dns {@code --dns} servers
 * @param dnsSearch {@code --dns-search} domains
 * @param dnsOptions {@code --dns-option} options
 * @param addHosts {@code --add-host} HOST:IP entries
 * @param noHosts {@code --no-hosts}: leave /etc/hosts as the image has it
 * @param ip6 {@code --ip6}
 */
public record NetworkRequest(
    Optional<String> network,
    List<String> publish,
    boolean publishAll,
    List<String> expose,
    Optional<String> ip,
    Optional<String> mac,
    List<String> aliases,
    List<String> dns,
    List<String> dnsSearch,
    List<String> dnsOptions,
    List<String> addHosts,
    boolean noHosts,
    Optional<String> ip6) {

  /** Without {@code --ip6}. */
  public NetworkRequest(Optional<String> network, List<String> publish, boolean publishAll, List<String> expose,
      Optional<String> ip, Optional<String> mac, List<String> aliases, List<String> dns, List<String> dnsSearch,
      List<String> dnsOptions, List<String> addHosts, boolean noHosts) {
    this(network, publish, publishAll, expose, ip, mac, aliases, dns, dnsSearch, dnsOptions, addHosts, noHosts,
        Optional.empty());
  }

  public NetworkRequest {
    ip6 = ip6 == null ? Optional.empty() : ip6;
    publish = List.copyOf(publish);
    expose = List.copyOf(expose);
    aliases = List.copyOf(aliases);
    dns = List.copyOf(dns);
    dnsSearch = List.copyOf(dnsSearch);
    dnsOptions = List.copyOf(dnsOptions);
    addHosts = List.copyOf(addHosts);
  }

  /** Everything default: the default bridge network, no ports. */
  public static NetworkRequest defaults() {
    return of(null);
  }

  /** Only a {@code --network} value (null for the default). */
  public static NetworkRequest of(String network) {
    return new NetworkRequest(Optional.ofNullable(network), List.of(), false, List.of(), Optional.empty(),
        Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), false);
  }
}
