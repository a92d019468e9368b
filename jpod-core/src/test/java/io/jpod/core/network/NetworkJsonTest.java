package io.jpod.core.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkJsonTest {
  private static final String PODMAN_FILE = """
      {
           "name": "refnet2",
           "id": "01cf29d95ae90eed609368e3c0901a78b6e52d71316c9fe14ee4648779b4c917",
           "driver": "bridge",
           "network_interface": "podman2",
           "created": "2026-12-02T07:23:54.083878183Z",
           "subnets": [
                {
                     "subnet": "10.99.5.0/24",
                     "gateway": "10.99.5.1"
                }
           ],
           "ipv6_enabled": false,
           "internal": true,
           "dns_enabled": true,
           "labels": {
                "a": "b"
           },
           "ipam_options": {
                "driver": "host-local"
           }
      }""";

  @Test
  void roundTripsPodmansFileByteForByte() {
    Network n = NetworkJson.parse(PODMAN_FILE, "test");
    assertThat(n.internal()).isTrue();
    assertThat(n.labels()).containsEntry("a", "b");
    assertThat(NetworkJson.indent(NetworkJson.toMap(n), "")).isEqualTo(PODMAN_FILE);
  }

  @Test
  void netavarkInputAndOutput() {
    Network n = NetworkJson.parse(PODMAN_FILE, "test");
    String in = Netavark.input("abc", "ctr", List.of(new PortMapping("", 80, 18080, 1, "tcp")),
        List.of(new Netavark.Attachment(n, List.of("10.99.5.2"), null, List.of("abc"), "eth0")));
    assertThat(in).startsWith("{\"container_id\":\"abc\",\"container_name\":\"ctr\",\"port_mappings\":[{\"host_ip\":\"\","
        + "\"container_port\":80,\"host_port\":18080,\"range\":1,\"protocol\":\"tcp\"}],\"networks\":{\"refnet2\":"
        + "{\"static_ips\":[\"10.99.5.2\"],\"aliases\":[\"abc\"],\"interface_name\":\"eth0\"}},\"network_info\":{\"refnet2\":{\"name\":\"refnet2\"");
    Map<String, NetworkStatus.Result> r = Netavark.parseResult("""
        {"podman":{"dns_search_domains":[],"dns_server_ips":[],"interfaces":{"eth0":{"mac_address":"d2:02:db:07:f9:2f",
          "subnets":[{"gateway":"10.88.0.1","ipnet":"10.88.0.55/16"}]}}}}""");
    assertThat(r.get("podman").interfaces().get("eth0").macAddress()).isEqualTo("d2:02:db:07:f9:2f");
    assertThat(r.get("podman").interfaces().get("eth0").subnets().getFirst().ipnet()).isEqualTo("10.88.0.55/16");
    assertThat(Netavark.errorMessage("{\"error\":\"IO error: boom\"}", "")).isEqualTo("IO error: boom");
  }
}
