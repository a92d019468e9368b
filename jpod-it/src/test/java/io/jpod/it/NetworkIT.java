package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Networks and published ports with the real netavark, aardvark-dns and iptables, as root. Network
 * definitions live in a private {@code --network-config-dir} (never /etc/containers/networks), and
 * netavark's state and jpod's address allocations in the private run dir next to the test's run root.
 * Traffic goes only to 127.0.0.1 and to the containers these tests create.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class NetworkIT extends JpodTestBase {

  @AfterEach
  void removeNetworks() {
    removeContainersAndNetworks(List.of("--network-config-dir", networkConfigDir().toString()));
  }

  /** What a container's network left on the host, to compare after it is gone. */
  private record Footprint(String id, String netns, String hostIfindex) {}

  private Footprint footprint(String name) {
    String id = net("inspect", "--format", "{{.Id}}", name).out().strip();
    String ns = net("inspect", "--format", "{{.NetworkSettings.SandboxKey}}", name).out().strip();
    CliResult link = net("exec", name, "cat", "/sys/class/net/eth0/iflink");
    assertThat(link).exitsCleanly();
    return new Footprint(id, ns, link.out().strip());
  }

  private void assertNothingLeft(Footprint f) {
    assertThat(Path.of(f.netns())).as("netns file").doesNotExist();
    assertThat(HostNet.sh("ip", "netns", "list")).doesNotContain(Path.of(f.netns()).getFileName().toString());
    assertThat(HostNet.ifindexes()).as("host veth of the container").doesNotContain(f.hostIfindex());
    assertThat(HostNet.sh("iptables", "-t", "nat", "-S")).as("nat rules").doesNotContain(f.id());
    assertThat(HostNet.sh("iptables", "-S")).as("filter rules").doesNotContain(f.id());
    assertThat(allocations()).as("IPAM").doesNotContain(f.id());
  }


  /** Every container id holding an address in this jpod's IPAM. */
  private String allocations() {
    Path ipam = jpod.dir().resolve("networks").resolve("ipam");
    StringBuilder sb = new StringBuilder();
    if (!Files.isDirectory(ipam)) {
      return "";
    }
    try (Stream<Path> walk = Files.walk(ipam)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (p.getFileName().toString().matches("[0-9.]+")) {
          sb.append(p.getFileName()).append('=').append(Files.readString(p)).append('\n');
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return sb.toString();
  }


  private static int freePort() {
    return HostHttp.freePort();
  }

  private static String httpGet(int port, String path) {
    return HostHttp.get(port, path);
  }

  @Test
  void publishedPortIsReachableFromHostAndRmLeavesNothing() {
    int port = freePort();
    String name = uniqueName("web");
    assertThat(net("run", "-d", "--name", name, "-p", port + ":80", "--expose", "7000", "-P", BusyboxImage.NAME,
        "httpd", "-f", "-p", "80", "-h", "/etc")).exitsCleanly();
    assertThat(httpGet(port, "/hostname")).isEqualTo(id(name).substring(0, 12));

    assertThat(net("ps", "--format", "{{.Ports}}", "--filter", "name=" + name).out())
        .startsWith("0.0.0.0:" + port + "->80/tcp, 0.0.0.0:").endsWith("->7000/tcp");
    CliResult ports = net("port", name);
    assertThat(ports).exitsCleanly();
    assertThat(ports.lines().getFirst()).isEqualTo("80/tcp -> 0.0.0.0:" + port);
    assertThat(ports.lines().get(1)).startsWith("7000/tcp -> 0.0.0.0:");
    assertThat(net("port", name, "80")).stdoutIs("0.0.0.0:" + port);
    assertThat(net("inspect", "--format", "{{.HostConfig.NetworkMode}} {{.NetworkSettings.Gateway}} {{.NetworkSettings.IPPrefixLen}}", name))
        .stdoutIs("bridge 10.88.0.1 16");
    String ip = net("inspect", "--format", "{{.NetworkSettings.IPAddress}}", name).out().strip();
    assertThat(ip).startsWith("10.88.");
    assertThat(allocations()).contains(ip + "=" + id(name));
    String hosts = net("exec", name, "cat", "/etc/hosts").stdout();
    assertThat(hosts).contains("10.88.0.1\thost.containers.internal\n", ip + "\t" + id(name).substring(0, 12) + " " + name + "\n");

    // a second container cannot take the port while the first holds it
    CliResult busy = net("run", "--rm", "-p", port + ":80", BusyboxImage.NAME, "true");
    assertThat(busy.exitCode()).isNotZero();
    assertThat(busy).stderrContains("address already in use").singleErrorLine();

    // conmon holds the port: a host program cannot take it either, until the container is gone
    assertThat(HostNet.canBind(port, false)).isFalse();
    Footprint f = footprint(name);
    assertThat(HostNet.sh("iptables", "-t", "nat", "-S")).contains(f.id());
    assertThat(net("rm", "-f", "-t", "0", name)).exitsCleanly();
    assertNothingLeft(f);
    assertThat(HostNet.canBind(port, false)).isTrue();

    // run --rm on the default network: the rules exist while it runs and are gone afterwards
    assertThat(net("run", "--rm", BusyboxImage.NAME, "sh", "-c", "ip -4 -o addr show eth0")).exitsCleanly()
        .stdoutContains("10.88.");
    assertThat(allocations()).isEmpty();
  }


  @Test
  void publishedPortsAreHeldWhileTheContainerRuns() {
    int tcp = freePort();
    int udp = freePort();
    String name = uniqueName("held");
    assertThat(net("run", "-d", "--name", name, "-p", tcp + ":80", "-p", "127.0.0.1:" + udp + ":53/udp",
        BusyboxImage.NAME, "sleep", "300")).exitsCleanly();
    assertThat(HostNet.canBind(tcp, false)).isFalse();
    assertThat(HostNet.canBind(udp, true)).isFalse();
    assertThat(HostNet.sh("ss", "-Hlnup", "sport = :" + udp)).contains("conmon");
    CliResult second = net("run", "--rm", "-p", "127.0.0.1:" + udp + ":53/udp", BusyboxImage.NAME, "true");
    assertThat(second).exitedWith(126).singleErrorLine()
        .stderrIs("Error: cannot listen on the UDP port: listen udp4 127.0.0.1:" + udp + ": bind: address already in use");
    assertThat(net("ps", "-a", "--format", "{{.Names}}")).stdoutIs(name);

    // stopped: free; started again: held again
    assertThat(net("stop", "-t", "0", name)).exitsCleanly();
    assertThat(HostNet.canBind(tcp, false)).isTrue();
    assertThat(HostNet.canBind(udp, true)).isTrue();
    assertThat(net("start", name)).exitsCleanly();
    assertThat(HostNet.canBind(tcp, false)).isFalse();
    assertThat(net("rm", "-f", "-t", "0", name)).exitsCleanly();
    assertThat(HostNet.canBind(tcp, false)).isTrue();
    assertThat(HostNet.canBind(udp, true)).isTrue();
  }

  @Test
  void userNetworkDnsAndNetworkCommands() {
    String netName = uniqueName("net");
    assertThat(net("network", "create", "--subnet", "10.251.7.0/24", "--label", "it=1", netName)).stdoutIs(netName);
    assertThat(networkConfigDir().resolve(netName + ".json")).exists();
    assertThat(net("network", "exists", netName)).exitsCleanly();
    assertThat(net("network", "exists", "nope-" + netName).exitCode()).isEqualTo(1);
    CliResult ls = net("network", "ls");
    assertThat(ls.lines().getFirst()).isEqualTo("NETWORK ID    NAME" + " ".repeat(Math.max(2, netName.length() - 2)) + "DRIVER");
    assertThat(net("network", "ls", "--format", "{{.Name}} {{.Driver}}", "--filter", "label=it=1")).stdoutIs(netName + " bridge");
    CliResult insp = net("network", "inspect", netName);
    assertThat(insp).exitsCleanly().stdoutContains("[\n     {\n          \"name\": \"" + netName + "\",",
        "\"subnet\": \"10.251.7.0/24\"", "\"gateway\": \"10.251.7.1\"", "\"dns_enabled\": true");

    String a = uniqueName("a");
    assertThat(net("run", "-d", "--name", a, "--network", netName, "--network-alias", "web-alias", BusyboxImage.NAME,
        "sleep", "300")).exitsCleanly();
    String aIp = net("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", a).out().strip();
    assertThat(aIp).startsWith("10.251.7.");
    CliResult lookup = net("run", "--rm", "--network", netName, BusyboxImage.NAME, "sh", "-c",
        "cat /etc/resolv.conf; nslookup " + a + "; nslookup web-alias");
    assertThat(lookup).exitsCleanly().stdoutContains("search dns.podman\n", "nameserver 10.251.7.1\n",
        "Name:\t" + a + ".dns.podman\nAddress: " + aIp, "Name:\tweb-alias.dns.podman\nAddress: " + aIp);

    // connect/disconnect on the default network while running; reload restores the rules
    assertThat(net("network", "connect", "podman", a)).exitsCleanly();
    assertThat(net("exec", a, "ip", "-4", "-o", "addr")).stdoutContains("eth1", "10.88.");
    assertThat(net("network", "disconnect", "podman", a)).exitsCleanly();
    assertThat(net("exec", a, "ip", "-4", "-o", "addr").out()).doesNotContain("eth1");
    assertThat(net("network", "reload", a)).stdoutIs(id(a));

    CliResult inUse = net("network", "rm", netName);
    assertThat(inUse).exitedWith(2).stderrContains("has associated containers with it").singleErrorLine();
    Footprint f = footprint(a);
    assertThat(net("network", "rm", "-f", netName)).stdoutIs(netName);
    assertThat(net("ps", "-aq")).stdoutIs("");
    assertNothingLeft(f);
    assertThat(networkConfigDir().resolve(netName + ".json")).doesNotExist();

    assertThat(net("network", "create", uniqueName("p"))).exitsCleanly();
    assertThat(net("network", "prune", "-f").lines()).hasSize(1);
    assertThat(net("network", "ls", "-q")).stdoutIs("podman");
  }

  @Test
  void badInputFailsWithOneLineAndLeavesNothing() throws IOException {
    String netName = uniqueName("bad");
    assertThat(net("network", "create", "--subnet", "10.252.3.0/24", netName)).exitsCleanly();
    CliResult overlap = net("network", "create", "--subnet", "10.252.0.0/16", uniqueName("ov"));
    assertThat(overlap).exitedWith(125).singleErrorLine()
        .stderrIs("Error: subnet 10.252.0.0/16 is already used on the host or by another config");
    CliResult gw = net("network", "create", "--subnet", "10.252.9.0/24", "--gateway", "10.9.9.9", uniqueName("gw"));
    assertThat(gw).exitedWith(125).singleErrorLine();
    assertThat(net("network", "ls", "-q").lines()).hasSize(2);

    CliResult outside = net("run", "--rm", "--network", netName, "--ip", "10.77.0.4", BusyboxImage.NAME, "true");
    assertThat(outside.exitCode()).isNotZero();
    assertThat(outside).singleErrorLine().stderrContains("requested static ip 10.77.0.4 not in any subnet on network " + netName);

    String holder = uniqueName("holder");
    assertThat(net("run", "-d", "--name", holder, "--network", netName, "--ip", "10.252.3.50", BusyboxImage.NAME, "sleep", "300"))
        .exitsCleanly();
    CliResult taken = net("run", "--rm", "--network", netName, "--ip", "10.252.3.50", BusyboxImage.NAME, "true");
    assertThat(taken).exitedWith(126).singleErrorLine().stderrContains("requested ip address 10.252.3.50 is already allocated to container ID " + id(holder));

    CliResult unknown = net("run", "--rm", "--network", "no-such-net", BusyboxImage.NAME, "true");
    assertThat(unknown).exitedWith(125).singleErrorLine()
        .stderrIs("Error: unable to find network with name or ID no-such-net: network not found");

    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      CliResult bound = net("run", "--rm", "-p", s.getLocalPort() + ":80", BusyboxImage.NAME, "true");
      assertThat(bound).exitedWith(126).singleErrorLine().stderrContains("address already in use");
    }
    CliResult badPort = net("run", "--rm", "-p", "80:abc", BusyboxImage.NAME, "true");
    assertThat(badPort).exitedWith(125).singleErrorLine();

    // nothing half-made: only the holder is there, and only it holds an address
    assertThat(net("ps", "-a", "--format", "{{.Names}}")).stdoutIs(holder);
    assertThat(allocations().strip()).isEqualTo("10.252.3.50=" + id(holder));
    assertThat(HostNet.sh("ip", "netns", "list").lines().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void killedJpodLeavesNothingOnceTheContainerExits() throws InterruptedException {
    String name = uniqueName("killed");
    JpodCli.Started s = jpod.start("--network-config-dir", networkConfigDir().toString(),
        "run", "--name", name, "-p", freePort() + ":80", BusyboxImage.NAME, "sleep", "25");
    Footprint f;
    try {
      assertThat(waitFor(Duration.ofSeconds(60), () -> jpod("ps", "-a", "--format", "{{.Names}} {{.State}}").out()
          .contains(name + " running"))).isTrue();
      f = footprint(name);
    } finally {
      s.kill();
    }
    assertThat(HostNet.sh("iptables", "-t", "nat", "-S")).contains(f.id());
    // conmon's exit command (jpod container cleanup) tears the network down when sleep ends
    assertThat(waitFor(Duration.ofSeconds(90), () -> state(name).equals("exited") && !Files.exists(Path.of(f.netns()))))
        .isTrue();
    assertThat(waitFor(Duration.ofSeconds(20), () -> !allocations().contains(f.id()))).isTrue();
    assertNothingLeft(f);
  }

  @Test
  void modesAndResolverFiles() {
    assertThat(net("run", "--rm", "--network", "none", BusyboxImage.NAME, "sh", "-c", "ls /sys/class/net")).stdoutIs("lo");
    assertThat(net("run", "--rm", "--network", "host", BusyboxImage.NAME, "sh", "-c", "ls /sys/class/net").out())
        .contains("lo", "eth0");
    CliResult files = net("run", "--rm", "--hostname", "h1", "--dns", "9.9.9.9", "--dns-search", "example.com",
        "--dns-option", "ndots:2", "--add-host", "foo.bar:1.2.3.4", BusyboxImage.NAME, "sh", "-c",
        "cat /etc/resolv.conf; echo ---; cat /etc/hosts");
    assertThat(files).exitsCleanly();
    String[] parts = files.out().split("---\n");
    assertThat(parts[0]).isEqualTo("search example.com\nnameserver 9.9.9.9\noptions ndots:2\n");
    assertThat(parts[1]).startsWith("1.2.3.4\tfoo.bar\n").contains("10.88.0.1\thost.containers.internal\n")
        .containsPattern("10\\.88\\.\\d+\\.\\d+\th1 ");
    assertThat(net("run", "--rm", "--no-hosts", BusyboxImage.NAME, "cat", "/etc/hosts").out()).doesNotContain("host.containers.internal");

    String owner = uniqueName("owner");
    assertThat(net("run", "-d", "--name", owner, BusyboxImage.NAME, "sleep", "300")).exitsCleanly();
    String ownerIp = net("inspect", "--format", "{{.NetworkSettings.IPAddress}}", owner).out().strip();
    assertThat(net("run", "--rm", "--network", "container:" + owner, BusyboxImage.NAME, "ip", "-4", "-o", "addr", "show", "eth0"))
        .stdoutContains(ownerIp + "/16");
    CliResult mac = net("run", "--rm", "--mac-address", "92:d0:c6:0a:29:33", BusyboxImage.NAME, "cat", "/sys/class/net/eth0/address");
    assertThat(mac).stdoutIs("92:d0:c6:0a:29:33");
  }
}
