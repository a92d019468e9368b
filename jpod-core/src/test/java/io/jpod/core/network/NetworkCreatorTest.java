package io.jpod.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkCreatorTest {
  @TempDir Path dir;

  private NetworkService.CreateRequest req(String name, List<String> subnets, List<String> gws, List<String> ranges) {
    return new NetworkService.CreateRequest(name, "bridge", subnets, gws, ranges, false, Map.of("k", "v"), Map.of(), false, false);
  }

  @Test
  void defaultsOverlapAndValidation() throws Exception {
    NetworkOptions opts = NetworkOptions.defaults(dir.resolve("run")).withConfigDir(dir.resolve("nets"));
    NetworkStore store = new NetworkStore(opts);
    NetworkCreator c = new NetworkCreator(store, opts);
    assertThat(store.list()).extracting(Network::name).containsExactly("podman");
    Network a = c.create(req("a", List.of(), List.of(), List.of()), "1".repeat(64));
    assertThat(a.subnets().getFirst().cidr().prefix()).isEqualTo(24);
    assertThat(a.dnsEnabled()).isTrue();
    assertThat(a.networkInterface()).startsWith("podman");
    assertThat(Files.readString(dir.resolve("nets/a.json"))).contains("\"labels\": {\n          \"k\": \"v\"\n     }");
    Network b = c.create(req("b", List.of("10.250.9.0/24"), List.of("10.250.9.254"), List.of("10.250.9.128/25")), "2".repeat(64));
    assertThat(b.subnets().getFirst()).isEqualTo(new Network.Subnet("10.250.9.0/24", "10.250.9.254", "10.250.9.129", "10.250.9.255"));
    assertThatThrownBy(() -> c.create(req("c", List.of("10.250.0.0/16"), List.of(), List.of()), "3".repeat(64)))
        .hasMessage("subnet 10.250.0.0/16 is already used on the host or by another config");
    assertThatThrownBy(() -> c.create(req("c", List.of("10.88.7.0/24"), List.of(), List.of()), "3".repeat(64)))
        .hasMessageContaining("already used");
    assertThatThrownBy(() -> c.create(req("c", List.of("10.251.0.0/24"), List.of("10.252.0.1"), List.of()), "3".repeat(64)))
        .hasMessage("gateway 10.252.0.1 not in subnet 10.251.0.0/24");
    assertThatThrownBy(() -> c.create(req("a", List.of(), List.of(), List.of()), "3".repeat(64)))
        .hasMessage("network name a already used: network already exists");
    assertThat(store.list()).extracting(Network::name).containsExactly("a", "b", "podman");
    assertThat(store.lookup(b.id().substring(0, 5)).name()).isEqualTo("b");
  }

  @Test
  void ipv6AsPodmanAllocatesIt() throws Exception {
    NetworkOptions opts = NetworkOptions.defaults(dir.resolve("run")).withConfigDir(dir.resolve("nets"));
    NetworkCreator c = new NetworkCreator(new NetworkStore(opts), opts);
    Network auto = c.create(v6("auto", List.of(), List.of(), true), "1".repeat(64));
    assertThat(auto.ipv6Enabled()).isTrue();
    assertThat(auto.subnets()).hasSize(2);
    assertThat(auto.subnets().get(0).isV6()).isFalse();
    assertThat(auto.subnets().get(1).subnet()).matches("fd[0-9a-f:]+::/64");
    assertThat(Files.readString(dir.resolve("nets/auto.json"))).contains("\"ipv6_enabled\": true");
    Network dual = c.create(v6("dual", List.of("10.96.0.0/24", "fd12:3456::/64"), List.of("10.96.0.1", "fd12:3456:0::9"), false), "2".repeat(64));
    assertThat(dual.subnets()).containsExactly(new Network.Subnet("10.96.0.0/24", "10.96.0.1", null, null),
        new Network.Subnet("fd12:3456::/64", "fd12:3456::9", null, null));
    Network only = c.create(v6("only", List.of("fd22::/64"), List.of(), false), "3".repeat(64));
    assertThat(only.subnets()).containsExactly(new Network.Subnet("fd22::/64", "fd22::1", null, null));
    assertThat(only.ipv6Enabled()).isTrue();
    Network v6first = c.create(v6("v6first", List.of("fd33::/64"), List.of(), true), "4".repeat(64));
    assertThat(v6first.subnets()).extracting(Network.Subnet::isV6).containsExactly(true, false);
    assertThatThrownBy(() -> c.create(v6("x", List.of("fd12:3456::/64"), List.of(), false), "5".repeat(64)))
        .hasMessage("subnet fd12:3456::/64 is already used on the host or by another config");
    assertThatThrownBy(() -> c.create(v6("x", List.of("fd44::/64"), List.of("10.0.0.1"), false), "5".repeat(64)))
        .hasMessage("gateway 10.0.0.1 not in subnet fd44::/64");
    assertThatThrownBy(() -> c.create(v6("x", List.of("fd44::/64"), List.of("fd45::1"), false), "5".repeat(64)))
        .hasMessage("gateway fd45::1 not in subnet fd44::/64");
  }

  private static NetworkService.CreateRequest v6(String name, List<String> subnets, List<String> gws, boolean ipv6) {
    return new NetworkService.CreateRequest(name, "bridge", subnets, gws, List.of(), false, Map.of(), Map.of(), false,
        false, ipv6);
  }

  @Test
  void ipvlanOnlyOnCniAsPodman431() throws Exception {
    NetworkOptions netavark = NetworkOptions.defaults(dir.resolve("run")).withConfigDir(dir.resolve("nets"));
    NetworkCreator onNetavark = new NetworkCreator(new NetworkStore(netavark), netavark);
    assertThatThrownBy(() -> onNetavark.create(ipvlan("i", List.of(), Map.of()), "1".repeat(64)))
        .hasMessage("unsupported driver ipvlan: invalid argument");
    NetworkOptions cni = netavark.withBackend("cni").withConfigDir(dir.resolve("cni"));
    NetworkCreator c = new NetworkCreator(new NetworkStore(cni), cni);
    Network dhcp = c.create(ipvlan("i", List.of(), Map.of()), "1".repeat(64));
    assertThat(dhcp.subnets()).isEmpty();
    assertThat(dhcp.ipamDriver()).isEqualTo("dhcp");
    assertThat(dhcp.networkInterface()).isEmpty();
    assertThat(Files.readString(dir.resolve("cni/i.conflist"))).isEqualTo("""
        {
           "cniVersion": "0.4.0",
           "name": "i",
           "plugins": [
              {
                 "type": "ipvlan",
                 "master": "",
                 "ipam": {
                    "type": "dhcp"
                 }
              }
           ]
        }""");
    Network l3 = c.create(ipvlan("l3", List.of("10.77.0.0/24"), Map.of("mode", "l3")), "2".repeat(64));
    assertThat(l3.options()).containsEntry("mode", "l3");
    assertThat(Files.readString(dir.resolve("cni/l3.conflist"))).contains("\"mode\": \"l3\",\n         \"capabilities\"");
    assertThatThrownBy(() -> c.create(ipvlan("x", List.of(), Map.of("parent", "lo")), "3".repeat(64)))
        .hasMessage("unsupported network option parent");
    assertThatThrownBy(() -> c.create(ipvlan("x", List.of(), Map.of("mode", "bad")), "3".repeat(64)))
        .hasMessage("unknown ipvlan mode \"bad\"");
  }

  private static NetworkService.CreateRequest ipvlan(String name, List<String> subnets, Map<String, String> opts) {
    return new NetworkService.CreateRequest(name, "ipvlan", subnets, List.of(), List.of(), false, Map.of(), opts, false,
        false);
  }
}
