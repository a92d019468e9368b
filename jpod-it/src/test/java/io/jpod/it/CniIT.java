package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CNI backend ({@code --network-backend cni}, as containers.conf's {@code network_backend = "cni"})
 * with the real plugins from containernetworking-plugins: conflists in a private {@code
 * --network-config-dir}, addresses from host-local ({@code /var/lib/cni/networks}), ports through
 * portmap. Only private subnets of its own (10.253.x) are used, never the default network, whose
 * subnet netavark's podman0 bridge may hold at the same time. Traffic goes only to 127.0.0.1 and to
 * the containers it creates.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CniIT extends JpodTestBase {
  private static final Path HOST_LOCAL = Path.of("/var/lib/cni/networks");
  private static final Path CNI_CACHE = Path.of("/var/lib/cni/results");

  private Path netDir() {
    return jpod.dir().resolve("cni.d");
  }

  private List<String> flags() {
    return List.of("--network-backend", "cni", "--network-config-dir", netDir().toString());
  }

  private CliResult cni(String... args) {
    return jpod(withFlags(flags(), args));
  }

  @AfterEach
  void removeContainersAndNetworks() {
    // before the base class's rm -af, which would tear down with the default backend
    removeContainersAndNetworks(flags());
  }

  /**
   * The CNI bridge plugin (like podman with CNI) leaves the default network's bridge behind, and
   * cni-podman0 holds the same 10.88.0.0/16 as netavark's podman0: its route would shadow podman0's
   * for the tests that run after this class on the same host.
   */
  @AfterAll
  static void removeDefaultCniBridge() {
    HostNet.sh("ip", "link", "delete", "cni-podman0");
  }

  /** What a container's network left on the host, to compare after it is gone. */
  private record Footprint(String id, String network, String ip, String netns, String hostIfindex) {}

  private Footprint footprint(String name, String network) {
    String id = id(name);
    String ip = cni("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name).out().strip();
    String ns = cni("inspect", "--format", "{{.NetworkSettings.SandboxKey}}", name).out().strip();
    CliResult link = cni("exec", name, "cat", "/sys/class/net/eth0/iflink");
    assertThat(link).exitsCleanly();
    return new Footprint(id, network, ip, ns, link.out().strip());
  }

  private void assertNothingLeft(Footprint f) {
    assertThat(Path.of(f.netns())).as("netns file").doesNotExist();
    assertThat(HostNet.ifindexes()).as("host veth of the container").doesNotContain(f.hostIfindex());
    assertThat(HostNet.sh("iptables", "-t", "nat", "-S")).as("nat rules").doesNotContain(f.id()).doesNotContain(f.ip() + "/");
    assertThat(HostNet.sh("iptables", "-S")).as("filter rules").doesNotContain(f.id()).doesNotContain(f.ip() + "/");
    assertThat(HOST_LOCAL.resolve(f.network()).resolve(f.ip())).as("host-local allocation").doesNotExist();
    assertThat(cacheEntries(f.id())).as("CNI cache").isEmpty();
  }

  private static List<String> cacheEntries(String id) {
    if (!Files.isDirectory(CNI_CACHE)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(CNI_CACHE)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.contains(id)).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }




  @Test
  void networksContainersAndPortsOnCni() throws IOException {
    String netName = uniqueName("cni");
    CliResult create = cni("network", "create", "--subnet", "10.253.7.0/24", "--label", "it=cni", netName);
    assertThat(create).stdoutIs(netName);
    // Debian ships no dnsname plugin: said once, and the network has no DNS
    assertThat(create.err().strip().lines().toList()).singleElement().asString().startsWith("WARN[0000] dnsname CNI plugin not found in [")
        .endsWith("network " + netName + " has no name resolution between containers");
    Path file = netDir().resolve(netName + ".conflist");
    String conf = Files.readString(file);
    assertThat(conf).startsWith("{\n   \"args\": {\n      \"podman_labels\": {\n         \"it\": \"cni\"\n      }\n   },\n"
        + "   \"cniVersion\": \"0.4.0\",\n   \"name\": \"" + netName + "\",\n   \"plugins\": [\n      {\n         \"type\": \"bridge\",")
        .contains("\"type\": \"portmap\"", "\"type\": \"firewall\"", "\"type\": \"tuning\"").doesNotContain("dnsname");

    CliResult insp = cni("network", "inspect", netName);
    assertThat(insp).exitsCleanly().stdoutContains("\"name\": \"" + netName + "\"", "\"driver\": \"bridge\"",
        "\"network_interface\": \"cni-podman", "\"subnet\": \"10.253.7.0/24\"", "\"gateway\": \"10.253.7.1\"",
        "\"dns_enabled\": false", "\"it\": \"cni\"");
    String bridge = cni("network", "inspect", "--format", "{{.NetworkInterface}}", netName).out().strip();
    assertThat(cni("network", "ls", "--format", "{{.Name}} {{.Driver}}")).stdoutContains(netName + " bridge", "podman bridge");
    assertThat(cni("info")).stdoutContains("  networkBackend: cni\n");

    int port = HostHttp.freePort();
    String a = uniqueName("a");
    assertThat(cni("run", "-d", "--name", a, "--network", netName, "-p", port + ":80", BusyboxImage.NAME,
        "httpd", "-f", "-p", "80", "-h", "/etc")).exitsCleanly();
    String shortId = id(a).substring(0, 12);
    assertThat(HostHttp.get(port, "/hostname")).isEqualTo(shortId);
    assertThat(HostNet.canBind(port, false)).as("port held by conmon").isFalse();
    Footprint fa = footprint(a, netName);
    assertThat(fa.ip()).startsWith("10.253.7.");
    assertThat(Files.readString(HOST_LOCAL.resolve(netName).resolve(fa.ip()))).startsWith(fa.id());
    assertThat(Path.of("/sys/class/net", bridge)).exists();
    assertThat(cni("port", a)).stdoutIs("80/tcp -> 0.0.0.0:" + port);

    // a second container reaches the first by address; a static address comes through host-local's IP arg
    String b = uniqueName("b");
    assertThat(cni("run", "-d", "--name", b, "--network", netName, "--ip", "10.253.7.77", BusyboxImage.NAME, "sleep", "300"))
        .exitsCleanly();
    assertThat(cni("exec", b, "wget", "-q", "-O", "-", "http://" + fa.ip() + "/hostname")).stdoutIs(shortId);
    assertThat(cni("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}/{{.IPPrefixLen}} {{.Gateway}}{{end}}", b))
        .stdoutIs("10.253.7.77/24 10.253.7.1");
    assertThat(cni("exec", b, "cat", "/etc/hosts").out()).contains("10.253.7.77\t" + id(b).substring(0, 12) + " " + b);
    Footprint fb = footprint(b, netName);

    // connect/disconnect a second network live, reload keeps the address
    String second = uniqueName("cni2");
    assertThat(cni("network", "create", "--disable-dns", "--subnet", "10.253.8.0/24", second)).exitsCleanly();
    assertThat(cni("network", "connect", second, b)).exitsCleanly();
    assertThat(cni("exec", b, "ip", "-4", "-o", "addr")).stdoutContains("eth1", "10.253.8.");
    assertThat(cni("network", "disconnect", second, b)).exitsCleanly();
    assertThat(cni("exec", b, "ip", "-4", "-o", "addr").out()).doesNotContain("eth1");
    assertThat(cacheEntries(fb.id())).hasSize(1);
    String mac = cni("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.MacAddress}}{{end}}", a).out().strip();
    // with b on the same bridge, the bridge stays up through the reload and keeps the host's neighbour
    // entry for a's address: a must come back with the same MAC, or that entry points nowhere
    assertThat(cni("network", "reload", a)).stdoutIs(fa.id());
    assertThat(HostHttp.get(port, "/hostname")).isEqualTo(shortId);
    assertThat(cni("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.MacAddress}}{{end}}", a)).stdoutIs(mac);
    assertThat(cni("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", a)).stdoutIs(fa.ip());

    assertThat(cni("network", "rm", netName)).exitedWith(2).singleErrorLine();
    assertThat(cni("rm", "-f", "-t", "0", a)).exitsCleanly();
    assertNothingLeft(fa);
    assertThat(HostNet.canBind(port, false)).isTrue();
    assertThat(cni("network", "rm", "-f", netName)).stdoutIs(netName);
    assertNothingLeft(fb);
    assertThat(file).doesNotExist();
    assertThat(cni("network", "rm", second)).stdoutIs(second);
  }

  @Test
  void killedJpodLeavesNothingOnceTheContainerExits() {
    String netName = uniqueName("cnik");
    assertThat(cni("network", "create", "--disable-dns", "--subnet", "10.253.9.0/24", netName)).exitsCleanly();
    String name = uniqueName("killed");
    List<String> args = new ArrayList<>(flags());
    args.addAll(List.of("run", "--name", name, "--network", netName, "-p", HostHttp.freePort() + ":80", BusyboxImage.NAME,
        "sleep", "40"));
    JpodCli.Started s = jpod.start(args.toArray(String[]::new));
    Footprint f;
    try {
      assertThat(waitFor(Duration.ofSeconds(60), () -> jpod("ps", "-a", "--format", "{{.Names}} {{.State}}").out()
          .contains(name + " running"))).isTrue();
      f = footprint(name, netName);
    } finally {
      s.kill();
    }
    assertThat(HostNet.sh("iptables", "-t", "nat", "-S")).contains(f.id());
    assertThat(cacheEntries(f.id())).hasSize(1);
    // conmon's exit command (jpod --network-backend cni container cleanup) runs DEL when sleep ends
    assertThat(waitFor(Duration.ofSeconds(90), () -> state(name).equals("exited") && !Files.exists(Path.of(f.netns()))))
        .isTrue();
    assertThat(waitFor(Duration.ofSeconds(20), () -> cacheEntries(f.id()).isEmpty())).isTrue();
    assertNothingLeft(f);
  }
}
