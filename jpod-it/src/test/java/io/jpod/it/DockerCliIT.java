package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.image.registry.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real docker CLI (28.x) driving {@code jpod system service} on a unix socket: the request
 * sequences of run, logs, exec, attach, cp, pull and push, plus bad input answered with Docker's
 * statuses and a burst of concurrent requests.
 */
class DockerCliIT extends JpodTestBase {
  private ApiService api;
  private Path sock;

  @BeforeAll
  void startService() throws IOException, InterruptedException {
    api = ApiService.start(jpod);
    sock = api.sock;
  }

  @AfterAll
  void stopService() throws InterruptedException {
    if (api == null) {
      return;
    }
    assertThat(api.stop()).isTrue(); // SIGTERM: a clean shutdown removes the socket
    assertThat(Files.exists(sock)).as("socket removed on SIGTERM").isFalse();
  }

  private CliResult dockerIn(String stdin, String... args) {
    return api.dockerIn(stdin, args);
  }

  private CliResult docker(String... args) {
    return api.docker(args);
  }


  private SocketHttp.Response http(String method, String path, String body) {
    return SocketHttp.exchange(sock, method, path, body);
  }

  @Test
  void versionPingAndRunRemovesWithTheExitCode() {
    assertThat(docker("version", "--format", "{{.Server.APIVersion}}")).exitsCleanly().stdoutIs("1.47");
    SocketHttp.Response ping = http("HEAD", "/_ping", null);
    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.head()).contains("Api-Version: 1.47", "Ostype: linux", "Builder-Version: 1");
    assertThat(http("GET", "/v1.99/version", null).status()).isEqualTo(400);

    long since = System.currentTimeMillis() / 1000 - 1;
    assertThat(docker("run", "--rm", "busybox", "echo", "hi")).exitsCleanly().stdoutIs("hi");
    assertThat(docker("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3"))
        .exitedWith(3).stdoutIs("out").stderrContains("err");
    // --rm containers are gone once docker run returns, for the CLI as well (one library, one state)
    assertThat(docker("ps", "-aq")).exitsCleanly().stdoutIs("");
    assertThat(jpod("ps", "-aq")).exitsCleanly().stdoutIs("");
    // the event log replayed in Docker's vocabulary (die with exitCode, destroy)
    CliResult events = docker("events", "--since", String.valueOf(since), "--until", String.valueOf(System.currentTimeMillis() / 1000 + 1),
        "--filter", "type=container", "--format", "{{.Action}} {{index .Actor.Attributes \"exitCode\"}}");
    assertThat(events).exitsCleanly().stdoutContains("create", "start", "die 3", "destroy");
    assertThat(docker("system", "df")).exitsCleanly().stdoutContains("Images", "Containers");
  }

  @Test
  void detachedContainerLogsPsInspectStopRemove() {
    String name = uniqueName("dk");
    CliResult run = docker("run", "-d", "--name", name, "-l", "app=dk", "-e", "FOO=bar", "busybox", "sh", "-c",
        "echo two >&2; sleep 0.2; echo one; echo \"foo=$FOO\"; sleep 600");
    assertThat(run).exitsCleanly();
    String id = run.out().strip();
    assertThat(id).hasSize(64);
    assertThat(waitFor(Duration.ofSeconds(10), () -> docker("logs", name).out().contains("foo=bar"))).isTrue();
    assertThat(docker("logs", name)).exitedWith(0).stdoutIs("one\nfoo=bar").stderrIs("two");
    assertThat(docker("logs", "--tail", "1", name)).exitsCleanly().stdoutIs("foo=bar");
    assertThat(docker("ps", "--filter", "label=app=dk", "--filter", "status=running", "-q", "--no-trunc"))
        .exitsCleanly().stdoutIs(id);
    assertThat(docker("ps", "-q", "--filter", "label=app=other")).exitsCleanly().stdoutIs("");
    // size=1: the container's writable layer (the 12-byte /etc/mtab link) and the image under it
    CliResult sized = docker("ps", "-s", "--filter", "label=app=dk", "--format", "{{.Size}}");
    assertThat(sized).exitsCleanly();
    assertThat(sized.out()).matches("12B \\(virtual [0-9.]+MB\\)");
    assertThat(docker("inspect", "-s", "--format", "{{.SizeRw}}", name)).exitsCleanly().stdoutIs("12");
    assertThat(docker("inspect", "--format", "{{.Name}} {{.State.Status}} {{.State.Running}} {{.Config.Tty}}", name))
        .exitsCleanly().stdoutIs("/" + name + " running true false");
    // the CLI sees what the service created
    assertThat(jpod("ps", "--format", "{{.Names}}")).exitsCleanly().stdoutContains(name);
    // starting a running container is a 304, which the CLI takes as success
    assertThat(http("POST", "/v1.41/containers/" + name + "/start", null).status()).isEqualTo(304);
    assertThat(docker("stop", "-t", "1", name)).exitsCleanly().stdoutIs(name);
    assertThat(http("POST", "/containers/" + name + "/stop", null).status()).isEqualTo(304);
    assertThat(docker("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", name)).exitsCleanly().stdoutIs("exited 137");
    // follow ends when the container has stopped
    assertThat(docker("logs", "-f", name)).exitedWith(0).stdoutContains("foo=bar").stderrContains("two");
    assertThat(docker("rm", name)).exitsCleanly().stdoutIs(name);
    assertThat(docker("rm", name)).exitedWith(1).stderrContains("No such container: " + name);
  }

  @Test
  void execWithStdinAttachAndCopy() throws IOException {
    String name = uniqueName("dx");
    assertThat(docker("run", "-d", "--name", name, "busybox", "sleep", "600")).exitsCleanly();
    CliResult exec = dockerIn("hello\nworld\n", "exec", "-i", name, "sh", "-c", "cat; echo done >&2; exit 3");
    assertThat(exec).exitedWith(3).stdoutIs("hello\nworld").stderrContains("done");
    assertThat(docker("exec", name, "echo", "inside")).exitsCleanly().stdoutIs("inside");

    Path in = jpod.dir().resolve("in.txt");
    Files.writeString(in, "copied in\n");
    assertThat(docker("cp", in.toString(), name + ":/tmp/in.txt")).exitedWith(0);
    assertThat(docker("exec", name, "cat", "/tmp/in.txt")).exitsCleanly().stdoutIs("copied in");
    Path out = jpod.dir().resolve("out.txt");
    assertThat(docker("cp", name + ":/etc/passwd", out.toString())).exitedWith(0);
    assertThat(Files.readString(out)).startsWith("root:x:0:0");
    assertThat(docker("cp", name + ":/nonexistent", out.toString())).exitedWith(1).stderrContains("/nonexistent");

    // stdin through docker run -i, and attach to a running container's output
    assertThat(dockerIn("abc\n", "run", "--rm", "-i", "busybox", "sh", "-c", "read x; echo got $x")).exitsCleanly().stdoutIs("got abc");
    String ticker = uniqueName("tick");
    assertThat(docker("run", "-d", "--name", ticker, "busybox", "sh", "-c", "sleep 1; for i in 1 2 3; do echo tick$i; sleep 0.3; done"))
        .exitsCleanly();
    assertThat(docker("attach", "--no-stdin", ticker)).exitsCleanly().stdoutContains("tick3");
  }

  @Test
  void badInputGetsDockerStatusesAndTheServiceKeepsServing() throws Exception {
    SocketHttp.Response malformed = http("POST", "/v1.41/containers/create", "{bad");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("message").asText()).isNotEmpty();
    assertThat(http("POST", "/containers/create", "{\"Image\":\"busybox\",\"Cmd\":5}").status()).isEqualTo(400);
    assertThat(http("POST", "/containers/create", "{\"Image\":\"nosuch-image\"}").status()).isEqualTo(404);
    SocketHttp.Response unknown = http("GET", "/containers/nosuch/json", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).isEqualTo("No such container: nosuch");
    assertThat(http("GET", "/containers/json?filters=%7Bbad", null).status()).isEqualTo(400);
    assertThat(http("GET", "/no/such/route", null).status()).isEqualTo(404);

    String name = uniqueName("dup");
    String body = "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"600\"]}";
    assertThat(http("POST", "/containers/create?name=" + name, body).status()).isEqualTo(201);
    SocketHttp.Response conflict = http("POST", "/containers/create?name=" + name, body);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().get("message").asText()).contains("The container name \"/" + name + "\" is already in use");
    assertThat(http("POST", "/containers/" + name + "/start", null).status()).isEqualTo(204);
    assertThat(http("POST", "/containers/" + name + "/start", null).status()).isEqualTo(304);
    assertThat(http("DELETE", "/containers/" + name, null).status()).isEqualTo(409);
    assertThat(http("POST", "/containers/" + name + "/wait?condition=bogus", null).status()).isEqualTo(400);
    assertThat(http("DELETE", "/containers/" + name + "?force=1", null).status()).isEqualTo(204);

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        all.add(pool.submit(() -> http("GET", "/containers/json?all=1", null).status()));
      }
      for (Future<Integer> f : all) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    }
    assertThat(http("GET", "/_ping", null).body()).isEqualTo("OK");
  }

  @Test
  void pullAndPushThroughTheLocalRegistry() {
    try (TestRegistry registry = TestRegistry.plain()) {
      String ref = registry.hostPort() + "/dk/busybox:1";
      assertThat(docker("tag", "busybox", ref)).exitsCleanly();
      CliResult push = docker("push", ref);
      assertThat(push).exitedWith(0).stdoutContains("The push refers to repository [" + registry.hostPort() + "/dk/busybox]", "digest: sha256:");
      assertThat(docker("rmi", ref)).exitsCleanly().stdoutContains("Untagged: " + ref);
      CliResult pull = docker("pull", ref);
      assertThat(pull).exitedWith(0).stdoutContains("Status: Downloaded newer image for " + ref);
      assertThat(docker("images", "--format", "{{.Repository}}:{{.Tag}}")).exitsCleanly().stdoutContains(ref);
      assertThat(docker("run", "--rm", ref, "echo", "pulled")).exitsCleanly().stdoutIs("pulled");
      assertThat(docker("pull", registry.hostPort() + "/dk/missing:1")).exitedWith(1);
    }
  }

  @Test
  void loginToAnHtpasswdRegistryThenPushPullImportAndUpdate() throws IOException {
    try (TestRegistry registry = TestRegistry.builder().basicAuth("alice", "s3cret").start()) {
      String host = registry.hostPort();
      // POST /auth checks the credentials against the registry, as docker login does
      assertThat(dockerIn("wrong\n", "login", "-u", "alice", "--password-stdin", host)).exitedWith(1)
          .stderrContains("invalid username/password");
      assertThat(dockerIn("s3cret\n", "login", "-u", "alice", "--password-stdin", host)).exitedWith(0)
          .stdoutContains("Login Succeeded");
      // push and pull send the stored credentials in X-Registry-Auth
      String ref = host + "/auth/busybox:1";
      assertThat(docker("tag", "busybox", ref)).exitsCleanly();
      assertThat(docker("push", ref)).exitedWith(0).stdoutContains("digest: sha256:");
      assertThat(docker("rmi", ref)).exitsCleanly();
      assertThat(docker("pull", ref)).exitedWith(0).stdoutContains("Status: Downloaded newer image for " + ref);
      assertThat(docker("logout", host)).exitsCleanly();
      assertThat(docker("rmi", ref)).exitsCleanly();
      // without credentials the registry's refusal is a 401 (the docker CLI would prompt for a login)
      SocketHttp.Response anonymous = http("POST", "/images/create?fromImage=" + host + "/auth/busybox&tag=1", null);
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.json().get("message").asText()).contains("unauthorized");
    }

    // export a container's filesystem and import it back as an image (POST /images/create?fromSrc=-)
    String name = uniqueName("imp");
    assertThat(docker("run", "-d", "--name", name, "busybox", "sh", "-c", "echo marker > /marker; sleep 600")).exitsCleanly();
    assertThat(waitFor(Duration.ofSeconds(10), () -> docker("exec", name, "cat", "/marker").out().contains("marker"))).isTrue();
    Path tar = jpod.dir().resolve("exported.tar");
    assertThat(docker("export", "-o", tar.toString(), name)).exitsCleanly();
    CliResult imported = docker("import", "-c", "CMD [\"cat\", \"/marker\"]", tar.toString(), "imported:1");
    assertThat(imported).exitsCleanly();
    assertThat(imported.out().strip()).startsWith("sha256:");
    assertThat(docker("run", "--rm", "imported:1")).exitsCleanly().stdoutIs("marker");

    // docker update changes the limits of the running container, and inspect shows them
    assertThat(docker("update", "--memory", "64m", "--cpu-shares", "512", name)).exitsCleanly().stdoutIs(name);
    assertThat(docker("inspect", "--format", "{{.HostConfig.Memory}} {{.HostConfig.CpuShares}}", name))
        .exitsCleanly().stdoutIs("67108864 512");

    // docker update --restart is stored (a later update without it keeps it) and applies at the next exit
    String flaky = uniqueName("dflaky");
    assertThat(docker("create", "--name", flaky, "busybox", "sh", "-c", "exit 3")).exitsCleanly();
    assertThat(docker("update", "--restart", "on-failure:2", flaky)).exitsCleanly().stdoutIs(flaky);
    assertThat(docker("update", "--memory", "64m", flaky)).exitsCleanly();
    assertThat(docker("inspect", "--format", "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}",
        flaky)).exitsCleanly().stdoutIs("on-failure 2");
    assertThat(docker("start", flaky)).exitsCleanly();
    assertThat(waitFor(Duration.ofSeconds(30), () -> docker("inspect", "--format", "{{.RestartCount}} {{.State.Status}}", flaky)
        .out().strip().equals("2 exited"))).isTrue();
    assertThat(docker("update", "--restart", "bogus", flaky)).exitedWith(1).stderrContains("restart policy");

    // a healthcheck given to docker run shows in inspect and turns healthy; docker events names it
    String hc = uniqueName("dhealth");
    assertThat(docker("run", "-d", "--name", hc, "--health-cmd", "true", "--health-interval", "1s", "busybox", "sleep", "300"))
        .exitsCleanly();
    assertThat(waitFor(Duration.ofSeconds(30), () -> docker("inspect", "--format", "{{.State.Health.Status}}", hc)
        .out().strip().equals("healthy"))).isTrue();
    assertThat(docker("inspect", "--format", "{{json .Config.Healthcheck.Test}} {{.Config.Healthcheck.Interval}}", hc))
        .exitsCleanly().stdoutIs("[\"CMD-SHELL\",\"true\"] 1s");
    assertThat(docker("events", "--since", "0", "--until", String.valueOf(System.currentTimeMillis() / 1000 + 1),
        "--filter", "event=health_status", "--filter", "container=" + hc, "--format", "{{.Action}}"))
        .exitsCleanly().stdoutContains("health_status: healthy");
    assertThat(docker("rm", "-f", hc, flaky)).exitsCleanly();
  }
}
