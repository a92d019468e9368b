package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IPv6 and dual-stack networks with the real netavark, as podman 4.3.1 makes them: podman's JSON
 * ({@code ipv6_enabled}, a random unique local /64 for {@code --ipv6}), an address per subnet from
 * jpod's IPAM, {@code --ip6} on run and network connect, inspect's GlobalIPv6Address/IPv6Gateway,
 * /etc/hosts, and two containers pinging each other over IPv6. Definitions live in a private
 * {@code --network-config-dir}; traffic stays between the containers created here.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class Ipv6IT extends JpodTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void removeNetworks() {
    removeContainersAndNetworks(List.of("--network-config-dir", networkConfigDir().toString()));
  }

  @Test
  void dualStackNetworkAddressesAndPingOverIpv6() throws IOException {
    String dual = uniqueName("dual");
    assertThat(net("network", "create", "--subnet", "10.246.3.0/24", "--subnet", "fd6a:1b2c:3d4e::/64",
        "--gateway", "10.246.3.1", "--gateway", "fd6a:1b2c:3d4e:0::1", dual)).exitsCleanly().stdoutIs(dual);
    JsonNode file = JSON.readTree(Files.readString(networkConfigDir().resolve(dual + ".json")));
    assertThat(file.get("ipv6_enabled").asBoolean()).isTrue();
    assertThat(file.get("subnets").toString()).isEqualTo(
        "[{\"subnet\":\"10.246.3.0/24\",\"gateway\":\"10.246.3.1\"},{\"subnet\":\"fd6a:1b2c:3d4e::/64\",\"gateway\":\"fd6a:1b2c:3d4e::1\"}]");

    String auto = uniqueName("auto");
    assertThat(net("network", "create", "--ipv6", auto)).exitsCleanly();
    JsonNode autoDoc = JSON.readTree(net("network", "inspect", auto).out()).get(0);
    assertThat(autoDoc.get("ipv6_enabled").asBoolean()).isTrue();
    assertThat(autoDoc.get("subnets").get(1).get("subnet").asText()).matches("fd[0-9a-f]{2}(:[0-9a-f]{1,4}){3}::/64");

    String a = uniqueName("a");
    String b = uniqueName("b");
    // NET_RAW for busybox ping: podman's default capabilities leave it out
    assertThat(net("run", "-d", "--name", a, "--cap-add", "NET_RAW", "--network", dual, "--ip6", "fd6a:1b2c:3d4e::10",
        BusyboxImage.NAME, "sleep", "300")).exitsCleanly();
    assertThat(net("run", "-d", "--name", b, "--cap-add", "NET_RAW", "--network", dual, BusyboxImage.NAME, "sleep", "300")).exitsCleanly();
    String tmpl = "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.GlobalIPv6Address}}/{{.GlobalIPv6PrefixLen}} {{.IPv6Gateway}}{{end}}";
    assertThat(net("inspect", "--format", tmpl, a).out()).matches("10\\.246\\.3\\.\\d+ fd6a:1b2c:3d4e::10/64 fd6a:1b2c:3d4e::1");
    String bInfo = net("inspect", "--format", tmpl, b).out();
    assertThat(bInfo).matches("10\\.246\\.3\\.\\d+ fd6a:1b2c:3d4e::[0-9a-f]+/64 fd6a:1b2c:3d4e::1");
    String bV6 = bInfo.split(" ")[1].split("/")[0];

    assertThat(net("exec", b, "ip", "-6", "addr", "show", "eth0")).exitsCleanly()
        .stdoutContains("inet6 " + bV6 + "/64");
    assertThat(net("exec", b, "cat", "/etc/hosts")).exitsCleanly().stdoutContains(bV6 + "\t", "10.246.3.");
    // duplicate address detection may keep a new address tentative for a moment
    assertThat(waitFor(Duration.ofSeconds(20),
        () -> net("exec", b, "ping", "-6", "-c", "1", "-W", "2", "fd6a:1b2c:3d4e::10").exitCode() == 0)).isTrue();
    assertThat(net("exec", a, "ping", "-6", "-c", "1", "-W", "2", bV6)).exitsCleanly();

    String second = uniqueName("second");
    assertThat(net("network", "create", "--subnet", "fd6a:1b2c:3d4f::/64", second)).exitsCleanly();
    assertThat(net("network", "connect", "--ip6", "fd6a:1b2c:3d4f::42", second, a)).exitsCleanly();
    assertThat(net("inspect", "--format", "{{(index .NetworkSettings.Networks \"" + second + "\").GlobalIPv6Address}}", a).out())
        .isEqualTo("fd6a:1b2c:3d4f::42");
    assertThat(net("exec", a, "ip", "-6", "addr", "show", "eth1")).exitsCleanly().stdoutContains("inet6 fd6a:1b2c:3d4f::42/64");

    CliResult notV6 = net("run", "--rm", "--network", dual, "--ip6", "10.246.3.9", BusyboxImage.NAME, "true");
    assertThat(notV6).exitedWith(125).stderrIs("Error: \"10.246.3.9\" is not an IPv6 address");
    CliResult outside = net("run", "--rm", "--network", dual, "--ip6", "fd00:9::5", BusyboxImage.NAME, "true");
    assertThat(outside).exitedWith(125)
        .stderrIs("Error: requested static ip fd00:9::5 not in any subnet on network " + dual);
    CliResult taken = net("run", "--rm", "--network", dual, "--ip6", "fd6a:1b2c:3d4e::10", BusyboxImage.NAME, "true");
    assertThat(taken.exitCode()).isNotZero();
    assertThat(taken.err()).contains("requested ip address fd6a:1b2c:3d4e::10 is already allocated");
  }
}
