package io.jpod.core.network;

import java.util.List;
import java.util.Map;

/**
 * A network definition in podman's (netavark's) shape, as stored in {@code <config dir>/<name>.json}.
 *
 * @param name the network's name
 * @param id 64 hex characters
 * @param driver bridge or macvlan
 * @param networkInterface the bridge (podmanN) or, for macvlan, the parent interface
 * @param created RFC 3339 creation time, kept as written
 * @param subnets IPv4 and IPv6 subnets with gateway (and optional lease range from {@code --ip-range})
 * @param ipv6Enabled whether an IPv6 subnet is present
 * @param internal no route out of the network
 * @param dnsEnabled aardvark-dns serves names on this network
 * @param labels {@code --label}
 * @param options driver options ({@code -o})
 * @param ipamDriver host-local (addresses from jpod) or dhcp/none
 */
public record Network(
    String name,
    String id,
    String driver,
    String networkInterface,
    String created,
    List<Subnet> subnets,
    boolean ipv6Enabled,
    boolean internal,
    boolean dnsEnabled,
    Map<String, String> labels,
    Map<String, String> options,
    String ipamDriver) {

  public Network {
    subnets = List.copyOf(subnets);
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
  }

  /**
   * One subnet.
   *
   * @param subnet CIDR
   * @param gateway the gateway address, or null (macvlan without one)
   * @param leaseStart first address to hand out ({@code --ip-range}), or null
   * @param leaseEnd last address to hand out, or null
   */
  public record Subnet(String subnet, String gateway, String leaseStart, String leaseEnd) {
    public Cidr cidr() {
      return Cidr.parse(subnet);
    }

    public boolean isV6() {
      return subnet.contains(":");
    }

    public Cidr6 cidr6() {
      return Cidr6.parse(subnet);
    }
  }

  /** podman's well-known id of the built-in default network. */
  public static final String DEFAULT_ID = "2f259bab93aaaaa2542ba43ef33eb990d0999ee1b9924b557b7be53c0b7a1bb9";

  public boolean isBridge() {
    return driver.equals("bridge");
  }
}
