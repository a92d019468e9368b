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
        .hasMessage("gateway ip 10.252.0.1 not in subnet 10.251.0.0/24");
    assertThatThrownBy(() -> c.create(req("a", List.of(), List.of(), List.of()), "3".repeat(64)))
        .hasMessage("network name a already used: network already exists");
    assertThat(store.list()).extracting(Network::name).containsExactly("a", "b", "podman");
    assertThat(store.lookup(b.id().substring(0, 5)).name()).isEqualTo("b");
  }
}
