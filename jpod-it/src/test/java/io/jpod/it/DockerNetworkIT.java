package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real docker CLI's network and volume commands, published ports and name resolution on a user
 * network, through {@code jpod system service}. Network definitions live in a private
 * {@code --network-config-dir}; traffic goes only to 127.0.0.1 and the containers created here.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DockerNetworkIT extends JpodTestBase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private ApiService api;
  private Path sock;

  @BeforeAll
  void startService() throws IOException, InterruptedException {
    api = ApiService.start(jpod, "--network-config-dir", networkConfigDir().toString());
    sock = api.sock;
  }

  @AfterAll
  void stopService() throws InterruptedException {
    if (api != null) {
      docker("rm", "-f", "web", "client", "writer", "reader", "pub", "v6");
      docker("network", "rm", "dnet6");
      assertThat(api.stop()).isTrue();
    }
  }

  private CliResult run(List<String> cmd) {
    return api.run(null, cmd);
  }

  private CliResult docker(String... args) {
    return api.docker(args);
  }


  /** Status line and body of a raw request on the socket (curl speaks HTTP over unix sockets). */
  private String[] http(String method, String path) {
    CliResult r = run(List.of("curl", "-s", "-X", method, "--unix-socket", sock.toString(), "-w", "\n%{http_code}", "http://d" + path));
    String out = r.out();
    int nl = out.lastIndexOf('\n');
    return new String[] {out.substring(nl + 1), out.substring(0, Math.max(0, nl))};
  }

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }

  @Test
  void userNetworkWithNamesConnectAndRemoval() {
    assertThat(docker("network", "create", "--subnet", "10.177.3.0/24", "--gateway", "10.177.3.1", "--label", "team=a", "dnet"))
        .exitsCleanly();
    assertThat(docker("network", "create", "dnet")).exitedWith(1).stderrContains("already exists");
    CliResult ls = docker("network", "ls", "--format", "{{.Name}} {{.Driver}}");
    assertThat(ls).exitsCleanly();
    assertThat(ls.out()).contains("bridge bridge", "dnet bridge");
    assertThat(docker("network", "ls", "-q", "--filter", "label=team=a").out().strip()).hasSize(12);
    assertThat(docker("network", "ls", "-q", "--filter", "label=team=b").out()).isBlank();
    JsonNode net = json(docker("network", "inspect", "dnet").out()).get(0);
    assertThat(net.get("Name").asText()).isEqualTo("dnet");
    assertThat(net.at("/IPAM/Config/0/Subnet").asText()).isEqualTo("10.177.3.0/24");
    assertThat(net.at("/IPAM/Config/0/Gateway").asText()).isEqualTo("10.177.3.1");
    assertThat(net.at("/Labels/team").asText()).isEqualTo("a");

    assertThat(docker("run", "-d", "--name", "web", "--network", "dnet", "--network-alias", "www", "--ip", "10.177.3.50",
        "busybox", "httpd", "-f", "-p", "80")).exitsCleanly();
    JsonNode ep = json(docker("inspect", "web").out()).get(0).at("/NetworkSettings/Networks/dnet");
    assertThat(ep.get("IPAddress").asText()).isEqualTo("10.177.3.50");
    assertThat(ep.get("Gateway").asText()).isEqualTo("10.177.3.1");
    assertThat(ep.get("NetworkID").asText()).isEqualTo(net.get("Id").asText());
    assertThat(ep.get("MacAddress").asText()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    assertThat(ep.get("Aliases").toString()).contains("www");
    CliResult client = docker("run", "--rm", "--name", "client", "--network", "dnet", "busybox", "sh", "-c",
        "nslookup web; nslookup www");
    assertThat(client).exitsCleanly();
    assertThat(client.out().split("10\\.177\\.3\\.50", -1)).hasSize(3);
    JsonNode members = json(docker("network", "inspect", "dnet").out()).get(0).get("Containers");
    assertThat(members.toString()).contains("\"Name\":\"web\"", "10.177.3.50/24");

    // connect / disconnect on a running container
    assertThat(docker("network", "create", "dnet2")).exitsCleanly();
    assertThat(docker("network", "connect", "--alias", "w2", "dnet2", "web")).exitsCleanly();
    JsonNode nets = json(docker("inspect", "web").out()).get(0).at("/NetworkSettings/Networks");
    assertThat(nets.has("dnet")).isTrue();
    assertThat(nets.at("/dnet2/IPAddress").asText()).isNotEmpty();
    assertThat(docker("exec", "web", "ip", "-4", "addr").out()).contains(nets.at("/dnet2/IPAddress").asText());
    assertThat(docker("network", "disconnect", "dnet2", "web")).exitsCleanly();
    assertThat(json(docker("inspect", "web").out()).get(0).at("/NetworkSettings/Networks").has("dnet2")).isFalse();

    // removal: in use (403), the predefined bridge (403), a missing one (404), then the real thing
    String[] inUse = http("DELETE", "/networks/dnet");
    assertThat(inUse[0]).isEqualTo("403");
    assertThat(inUse[1]).contains("has active endpoints");
    assertThat(http("DELETE", "/networks/bridge")[0]).isEqualTo("403");
    assertThat(http("GET", "/networks/nonesuch")[0]).isEqualTo("404");
    assertThat(docker("rm", "-f", "web")).exitsCleanly();
    assertThat(docker("network", "rm", "dnet")).exitsCleanly();
    CliResult pruned = docker("network", "prune", "-f");
    assertThat(pruned).exitsCleanly();
    assertThat(pruned.out()).contains("dnet2");
    assertThat(docker("network", "ls", "--format", "{{.Name}}").out().strip()).isEqualTo("bridge");
  }

  @Test
  void dualStackNetworkShowsTheIpv6Address() {
    assertThat(docker("network", "create", "--ipv6", "--subnet", "10.177.6.0/24", "--subnet", "fd00:177:6::/64", "dnet6"))
        .exitsCleanly();
    JsonNode net = json(docker("network", "inspect", "dnet6").out()).get(0);
    assertThat(net.get("EnableIPv6").asBoolean()).isTrue();
    assertThat(net.get("IPAM").get("Config").toString()).contains("fd00:177:6::/64", "10.177.6.0/24");
    assertThat(docker("run", "-d", "--name", "v6", "--network", "dnet6", "busybox", "sleep", "100")).exitsCleanly();
    JsonNode ep = json(docker("inspect", "v6").out()).get(0).at("/NetworkSettings/Networks/dnet6");
    assertThat(ep.get("GlobalIPv6Address").asText()).startsWith("fd00:177:6::");
    assertThat(ep.get("GlobalIPv6PrefixLen").asInt()).isEqualTo(64);
    assertThat(ep.get("IPv6Gateway").asText()).isEqualTo("fd00:177:6::1");
    assertThat(ep.get("IPAddress").asText()).startsWith("10.177.6.");
    assertThat(docker("exec", "v6", "ip", "-6", "addr").out()).contains(ep.get("GlobalIPv6Address").asText());
    assertThat(docker("rm", "-f", "v6")).exitsCleanly();
    assertThat(docker("network", "rm", "dnet6")).exitsCleanly();
  }

  @Test
  void volumesAndPublishedPorts() throws Exception {
    assertThat(docker("volume", "create", "--label", "k=v", "dvol")).exitsCleanly();
    assertThat(docker("volume", "create", "dvol").out().strip()).isEqualTo("dvol"); // Docker: the existing one
    assertThat(docker("volume", "ls", "-q", "--filter", "label=k=v").out().strip()).isEqualTo("dvol");
    JsonNode vol = json(docker("volume", "inspect", "dvol").out()).get(0);
    assertThat(vol.get("Driver").asText()).isEqualTo("local");
    assertThat(vol.get("Scope").asText()).isEqualTo("local");
    assertThat(vol.get("CreatedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    Path mountpoint = Path.of(vol.get("Mountpoint").asText());

    assertThat(docker("run", "--name", "writer", "-v", "dvol:/data", "busybox", "sh", "-c", "echo kept > /data/f")).exitsCleanly();
    assertThat(Files.readString(mountpoint.resolve("f"))).isEqualTo("kept\n");
    JsonNode mounts = json(docker("inspect", "writer").out()).get(0).get("Mounts");
    assertThat(mounts.get(0).get("Type").asText()).isEqualTo("volume");
    assertThat(mounts.get(0).get("Name").asText()).isEqualTo("dvol");
    assertThat(mounts.get(0).get("Destination").asText()).isEqualTo("/data");
    assertThat(docker("run", "--rm", "--mount", "type=volume,source=dvol,target=/d,readonly", "busybox", "cat", "/d/f").out().strip())
        .isEqualTo("kept");
    String[] inUse = http("DELETE", "/volumes/dvol");
    assertThat(inUse[0]).isEqualTo("409");
    assertThat(http("GET", "/volumes/nonesuch")[0]).isEqualTo("404");
    assertThat(docker("rm", "writer")).exitsCleanly();
    assertThat(docker("volume", "rm", "dvol")).exitsCleanly();
    assertThat(docker("volume", "ls", "-q").out()).isBlank();

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(docker("run", "-d", "--name", "pub", "-p", "127.0.0.1:" + port + ":80", "busybox", "sh", "-c",
        "mkdir /w && echo published > /w/index.html && exec httpd -f -p 80 -h /w")).exitsCleanly();
    assertThat(docker("ps", "--format", "{{.Names}} {{.Ports}}").out()).contains("pub 127.0.0.1:" + port + "->80/tcp");
    assertThat(docker("port", "pub", "80").out().strip()).isEqualTo("127.0.0.1:" + port);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> resp = null;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (resp == null) {
      try {
        resp = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.body()).isEqualTo("published\n");
    CliResult stats = docker("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}} {{.MemUsage}}", "pub");
    assertThat(stats).exitsCleanly();
    assertThat(stats.out()).matches("(?s)pub [1-9]\\d* [0-9.]+[KMG]?i?B / [0-9.]+[KMG]iB.*");

    // podman's own remote client on the libpod endpoints
    CliResult version = run(List.of("podman", "--remote", "--url", "unix://" + sock, "version"));
    assertThat(version).exitsCleanly();
    assertThat(version.out()).contains("Server:", "API Version:");
    CliResult ps = run(List.of("podman", "--remote", "--url", "unix://" + sock, "ps", "--format", "{{.Names}} {{.Ports}}"));
    assertThat(ps).exitsCleanly();
    assertThat(ps.out()).contains("pub 127.0.0.1:" + port + "->80/tcp");
    assertThat(docker("rm", "-f", "pub")).exitsCleanly();
  }
}
