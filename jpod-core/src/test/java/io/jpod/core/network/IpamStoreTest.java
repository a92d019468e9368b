package io.jpod.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpamStoreTest {
  @TempDir Path dir;

  private static Network net(String subnet, String start, String end) {
    Cidr c = Cidr.parse(subnet);
    return new Network("n", "id", "bridge", "podman9", "", List.of(new Network.Subnet(c.toString(),
        Cidr.format(c.host(1)), start, end)), false, false, true, Map.of(), Map.of(), "host-local");
  }

  private static String one(IpamStore ipam, Network n, String ctr, String requested) {
    return ipam.allocate(n, ctr, requested == null ? List.of() : List.of(requested)).getFirst();
  }

  @Test
  void dualStackGetsAnAddressPerSubnet() {
    IpamStore ipam = new IpamStore(dir);
    Network n = new Network("d", "id", "bridge", "podman9", "", List.of(
        new Network.Subnet("10.97.0.0/24", "10.97.0.1", null, null),
        new Network.Subnet("fd12:3456::/64", "fd12:3456::1", null, null)), true, false, true, Map.of(), Map.of(),
        "host-local");
    assertThat(ipam.allocate(n, "a", List.of())).containsExactly("10.97.0.2", "fd12:3456::2");
    assertThat(ipam.allocate(n, "b", List.of("fd12:3456:0:0::77"))).containsExactly("10.97.0.3", "fd12:3456::77");
    assertThatThrownBy(() -> ipam.allocate(n, "c", List.of("fd12:3456::77")))
        .hasMessage("IPAM error: requested ip address fd12:3456::77 is already allocated to container ID b");
    assertThatThrownBy(() -> ipam.allocate(n, "c", List.of("fd99::5")))
        .hasMessage("requested static ip fd99::5 not in any subnet on network d");
    assertThat(ipam.allocate(n, "c", List.of())).containsExactly("10.97.0.4", "fd12:3456::3");
    assertThat(ipam.allocations("d")).containsEntry("fd12:3456::2", "a").hasSize(6);
    ipam.release("a", "d");
    assertThat(ipam.allocations("d")).hasSize(4);
  }

  @Test
  void allocatesRoundRobinSkipsGatewayAndReleases() {
    IpamStore ipam = new IpamStore(dir);
    Network n = net("10.99.0.0/29", null, null);
    assertThat(one(ipam, n, "a", null)).isEqualTo("10.99.0.2");
    assertThat(one(ipam, n, "b", null)).isEqualTo("10.99.0.3");
    ipam.release("a", null);
    assertThat(one(ipam, n, "c", null)).isEqualTo("10.99.0.4");
    assertThat(one(ipam, n, "d", "10.99.0.2")).isEqualTo("10.99.0.2");
    assertThatThrownBy(() -> one(ipam, n, "e", "10.99.0.3"))
        .hasMessage("IPAM error: requested ip address 10.99.0.3 is already allocated to container ID b");
    assertThatThrownBy(() -> one(ipam, n, "e", "10.98.0.3")).isInstanceOf(JpodException.class);
    assertThat(one(ipam, n, "e", null)).isEqualTo("10.99.0.5");
    assertThat(one(ipam, n, "f", null)).isEqualTo("10.99.0.6");
    assertThatThrownBy(() -> one(ipam, n, "g", null)).hasMessageContaining("failed to find free IP");
    ipam.clear();
    assertThat(ipam.allocations("n")).isEmpty();
  }

  @Test
  void honoursTheLeaseRange() {
    IpamStore ipam = new IpamStore(dir);
    Network n = net("10.99.0.0/24", "10.99.0.128", "10.99.0.129");
    assertThat(one(ipam, n, "a", null)).isEqualTo("10.99.0.128");
    assertThat(one(ipam, n, "b", null)).isEqualTo("10.99.0.129");
    assertThatThrownBy(() -> one(ipam, n, "c", null)).isInstanceOf(JpodException.class);
  }
}
