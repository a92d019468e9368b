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

  @Test
  void allocatesRoundRobinSkipsGatewayAndReleases() {
    IpamStore ipam = new IpamStore(dir);
    Network n = net("10.99.0.0/29", null, null);
    assertThat(ipam.allocate(n, "a", null)).isEqualTo("10.99.0.2");
    assertThat(ipam.allocate(n, "b", null)).isEqualTo("10.99.0.3");
    ipam.release("a", null);
    assertThat(ipam.allocate(n, "c", null)).isEqualTo("10.99.0.4");
    assertThat(ipam.allocate(n, "d", "10.99.0.2")).isEqualTo("10.99.0.2");
    assertThatThrownBy(() -> ipam.allocate(n, "e", "10.99.0.3"))
        .hasMessage("IPAM error: requested ip address 10.99.0.3 is already allocated to container ID b");
    assertThatThrownBy(() -> ipam.allocate(n, "e", "10.98.0.3")).isInstanceOf(JpodException.class);
    assertThat(ipam.allocate(n, "e", null)).isEqualTo("10.99.0.5");
    assertThat(ipam.allocate(n, "f", null)).isEqualTo("10.99.0.6");
    assertThatThrownBy(() -> ipam.allocate(n, "g", null)).hasMessageContaining("failed to find free IP");
    ipam.clear();
    assertThat(ipam.allocations("n")).isEmpty();
  }

  @Test
  void honoursTheLeaseRange() {
    IpamStore ipam = new IpamStore(dir);
    Network n = net("10.99.0.0/24", "10.99.0.128", "10.99.0.129");
    assertThat(ipam.allocate(n, "a", null)).isEqualTo("10.99.0.128");
    assertThat(ipam.allocate(n, "b", null)).isEqualTo("10.99.0.129");
    assertThatThrownBy(() -> ipam.allocate(n, "c", null)).isInstanceOf(JpodException.class);
  }
}
