package io.jpod.core.network.backend.cni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.Json;
import io.jpod.core.network.Network;
import io.jpod.core.network.NetworkStatus;
import io.jpod.core.network.PortMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CniConfListTest {
  /** What podman 4.3.1 wrote for {@code network create foo} with the CNI backend. */
  private static final String PODMAN_FOO = """
      {
         "cniVersion": "0.4.0",
         "name": "foo",
         "plugins": [
            {
               "type": "bridge",
               "bridge": "cni-podman1",
               "isGateway": true,
               "ipMasq": true,
               "hairpinMode": true,
               "ipam": {
                  "type": "host-local",
                  "routes": [
                     {
                        "dst": "0.0.0.0/0"
                     }
                  ],
                  "ranges": [
                     [
                        {
                           "subnet": "10.89.0.0/24",
                           "gateway": "10.89.0.1"
                        }
                     ]
                  ]
               },
               "capabilities": {
                  "ips": true
               }
            },
            {
               "type": "portmap",
               "capabilities": {
                  "portMappings": true
               }
            },
            {
               "type": "firewall",
               "backend": ""
            },
            {
               "type": "tuning"
            }
         ]
      }""";

  /** {@code network create --internal --subnet 10.99.1.0/24 --gateway 10.99.1.1 --ip-range 10.99.1.128/25 --label a=b -o mtu=1400 -o vlan=3 intern}. */
  private static final String PODMAN_INTERN = """
      {
         "args": {
            "podman_labels": {
               "a": "b"
            },
            "podman_options": {
               "mtu": "1400",
               "vlan": "3"
            }
         },
         "cniVersion": "0.4.0",
         "name": "intern",
         "plugins": [
            {
               "type": "bridge",
               "bridge": "cni-podman3",
               "isGateway": false,
               "mtu": 1400,
               "hairpinMode": true,
               "vlan": 3,
               "ipam": {
                  "type": "host-local",
                  "ranges": [
                     [
                        {
                           "subnet": "10.99.1.0/24",
                           "rangeStart": "10.99.1.129",
                           "rangeEnd": "10.99.1.255",
                           "gateway": "10.99.1.1"
                        }
                     ]
                  ]
               },
               "capabilities": {
                  "ips": true
               }
            },
            {
               "type": "portmap",
               "capabilities": {
                  "portMappings": true
               }
            },
            {
               "type": "firewall",
               "backend": ""
            },
            {
               "type": "tuning"
            }
         ]
      }""";

  @Test
  void rendersPodmansConflistsByteForByte() {
    Network foo = CniConfList.parse(PODMAN_FOO, "2026-12-02T10:35:12.129763036Z");
    assertThat(foo.id()).isEqualTo("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
    assertThat(foo.networkInterface()).isEqualTo("cni-podman1");
    assertThat(foo.dnsEnabled()).isFalse();
    assertThat(foo.subnets()).containsExactly(new Network.Subnet("10.89.0.0/24", "10.89.0.1", null, null));
    assertThat(CniConfList.render(foo, false)).isEqualTo(PODMAN_FOO);

    Network intern = CniConfList.parse(PODMAN_INTERN, "t");
    assertThat(intern.internal()).isTrue();
    assertThat(intern.labels()).containsExactly(Map.entry("a", "b"));
    assertThat(intern.options()).containsEntry("mtu", "1400").containsEntry("vlan", "3");
    assertThat(intern.subnets().getFirst().leaseStart()).isEqualTo("10.99.1.129");
    assertThat(CniConfList.render(intern, false)).isEqualTo(PODMAN_INTERN);
  }

  @Test
  void dnsFollowsTheDnsnamePluginAndBadListsAreSkipped() {
    Network foo = CniConfList.parse(PODMAN_FOO, "t");
    String withDns = CniConfList.render(foo, true);
    assertThat(withDns).contains("\"type\": \"dnsname\"", "\"domainName\": \"dns.podman\"");
    assertThat(CniConfList.parse(withDns, "t").dnsEnabled()).isTrue();
    assertThat(CniConfList.parse("{\"name\": \"-bad\", \"plugins\": [{\"type\": \"bridge\"}]}", "t")).isNull();
    assertThat(CniConfList.parse("not json", "t")).isNull();
    assertThat(CniConfList.idFor("podman")).isEqualTo(Network.DEFAULT_ID);
  }

  @Test
  void resultBecomesTheStatusAndPortsExpandPerPort() throws Exception {
    JsonNode result = Json.mapper().readTree("""
        {"cniVersion":"0.4.0","interfaces":[{"name":"cni-podman1","mac":"aa:aa:aa:aa:aa:aa"},
         {"name":"veth1","mac":"bb:bb:bb:bb:bb:bb"},{"name":"eth0","mac":"c2:00:00:00:00:01","sandbox":"/run/netns/x"}],
         "ips":[{"version":"4","interface":2,"address":"10.89.0.2/24","gateway":"10.89.0.1"}],"dns":{}}""");
    NetworkStatus.Result r = CniBackend.status(result);
    assertThat(r.interfaces()).containsOnlyKeys("eth0");
    assertThat(r.interfaces().get("eth0").macAddress()).isEqualTo("c2:00:00:00:00:01");
    assertThat(r.interfaces().get("eth0").subnets()).containsExactly(new NetworkStatus.Subnet("10.89.0.2/24", "10.89.0.1"));
    assertThat(r.dnsServerIps()).isEmpty();

    assertThat(CniBackend.portMappings(List.of(new PortMapping("", 80, 8080, 2, "tcp"), new PortMapping("127.0.0.1", 53, 5353, 1, "udp"))))
        .containsExactly(
            Map.of("hostPort", 8080, "containerPort", 80, "protocol", "tcp"),
            Map.of("hostPort", 8081, "containerPort", 81, "protocol", "tcp"),
            Map.of("hostPort", 5353, "containerPort", 53, "protocol", "udp", "hostIP", "127.0.0.1"));
  }

  @Test
  void pluginErrorsReadAsLibcniPrintsThem() {
    assertThat(CniPlugins.errorMessage("{\"code\":11,\"msg\":\"failed to allocate\",\"details\":\"range full\"}", ""))
        .isEqualTo("failed to allocate; range full");
    assertThat(CniPlugins.errorMessage("", "panic: boom\n")).isEqualTo("panic: boom");
  }
}
