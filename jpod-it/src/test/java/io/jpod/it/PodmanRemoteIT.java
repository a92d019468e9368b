package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.image.registry.TestRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real podman 4.3.1 client in remote mode ({@code podman --url unix://...}) against
 * {@code jpod system service}: run attached and detached, logs, exec, inspect, ps, images, and the
 * network, volume and pod commands, all through the libpod API.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PodmanRemoteIT extends JpodTestBase {
  private ApiService api;

  @BeforeAll
  void startService() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")), "podman is not installed");
    api = ApiService.start(jpod, "--network-config-dir", networkConfigDir().toString());
    // podman reads registry auth from the DOCKER_CONFIG the helper sets, and fails on a missing file
    Files.writeString(jpod.dir().resolve("docker-config").resolve("config.json"), "{}");
  }

  @AfterAll
  void stopService() throws InterruptedException {
    if (api != null) {
      podman("rm", "-f", "prd");
      assertThat(api.stop()).isTrue();
    }
  }

  private CliResult podman(String... args) {
    List<String> cmd = new ArrayList<>(List.of("podman", "--url", "unix://" + api.sock));
    cmd.addAll(List.of(args));
    return api.run(null, cmd);
  }

  @Test
  void containersRunAttachedAndDetached() {
    assertThat(podman("version")).exitsCleanly().stdoutContains("Server:       Podman Engine");
    CliResult run = podman("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");
    assertThat(run).exitedWith(3);
    assertThat(run.out().strip()).isEqualTo("out");
    assertThat(run.err()).contains("err");
    assertThat(jpod("ps", "-a", "-q").out()).isEmpty();

    CliResult d = podman("run", "-d", "--name", "prd", "busybox", "sh", "-c", "echo started; sleep 300");
    assertThat(d).exitsCleanly();
    String id = d.out().strip();
    assertThat(id).hasSize(64);
    assertThat(podman("ps", "--format", "{{.ID}} {{.Names}} {{.Status}}")).exitsCleanly()
        .stdoutContains(id.substring(0, 12) + " prd Up");
    assertThat(waitFor(java.time.Duration.ofSeconds(10), () -> podman("logs", "prd").out().contains("started"))).isTrue();
    CliResult exec = podman("exec", "prd", "sh", "-c", "echo inexec; exit 7");
    assertThat(exec).exitedWith(7);
    assertThat(exec.out().strip()).isEqualTo("inexec");
    assertThat(podman("inspect", "prd", "--format", "{{.Id}} {{.State.Status}} {{.Config.Tty}}")).exitsCleanly()
        .stdoutContains(id + " running false");
    assertThat(state("prd")).isEqualTo("running");
    assertThat(podman("stop", "-t", "1", "prd")).exitsCleanly().stdoutContains("prd");
    assertThat(podman("ps", "-a", "--format", "{{.Names}} {{.Status}}")).exitsCleanly().stdoutContains("prd Exited (");
    assertThat(podman("rm", "prd")).exitsCleanly();
    assertThat(podman("rm", "prd")).exitedWith(1).stderrContains("no such container");
    assertThat(podman("images", "--format", "{{.Repository}}:{{.Tag}}")).exitsCleanly().stdoutContains("localhost/busybox:latest");
    assertThat(podman("image", "exists", "busybox")).exitsCleanly();
    assertThat(podman("image", "exists", "nosuchimage")).exitedWith(1);
  }

  @Test
  void pullFromALocalRegistryThroughBothClients() {
    TestRegistry registry = TestRegistry.plain();
    try {
      String ref = registry.hostPort() + "/remote/busybox:1";
      assertThat(jpod("push", "-q", "--tls-verify=false", BusyboxImage.NAME, ref)).exitsCleanly();
      CliResult pull = podman("pull", "--tls-verify=false", ref);
      assertThat(pull).exitedWith(0);
      String id = pull.out().strip();
      assertThat(id).hasSize(64);
      assertThat(podman("run", "--rm", ref, "echo", "pulled")).exitsCleanly().stdoutContains("pulled");
      assertThat(podman("rmi", ref)).exitsCleanly().stdoutContains("Untagged: " + ref);
      CliResult jpull = jpod("--url", "unix://" + api.sock, "pull", "--tls-verify=false", ref);
      assertThat(jpull).exitedWith(0).stderrContains("Trying to pull " + ref);
      assertThat(jpull.out().strip()).isEqualTo(id);
    } finally {
      registry.close();
    }
  }

  @Test
  void networksVolumesAndPods() {
    assertThat(podman("network", "create", "pnet")).exitsCleanly().stdoutContains("pnet");
    assertThat(podman("network", "ls", "--format", "{{.Name}}")).exitsCleanly().stdoutContains("pnet");
    assertThat(jpod("--network-config-dir", networkConfigDir().toString(), "network", "exists", "pnet")).exitsCleanly();
    assertThat(podman("network", "inspect", "pnet", "--format", "{{.Driver}}")).exitsCleanly().stdoutContains("bridge");
    assertThat(podman("run", "-d", "--name", "pverbs", "busybox", "sleep", "300")).exitsCleanly();
    assertThat(podman("network", "connect", "--alias", "palias", "pnet", "pverbs")).exitsCleanly();
    assertThat(jpod("inspect", "--format", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.Aliases}} {{end}}", "pverbs"))
        .exitsCleanly().stdoutContains("pnet=[palias");
    assertThat(podman("network", "disconnect", "pnet", "pverbs")).exitsCleanly();
    assertThat(podman("pause", "pverbs")).exitsCleanly();
    assertThat(state("pverbs")).isEqualTo("paused");
    assertThat(podman("unpause", "pverbs")).exitsCleanly();
    assertThat(podman("top", "pverbs", "pid", "args")).exitsCleanly().stdoutContains("PID", "sleep 300");
    assertThat(podman("rm", "-f", "-t", "0", "pverbs")).exitsCleanly();
    assertThat(podman("network", "rm", "pnet")).exitsCleanly().stdoutContains("pnet");

    assertThat(podman("volume", "create", "pvol")).exitsCleanly().stdoutContains("pvol");
    assertThat(podman("volume", "ls", "--format", "{{.Name}}")).exitsCleanly().stdoutContains("pvol");
    assertThat(jpod("volume", "inspect", "pvol")).exitsCleanly();
    assertThat(podman("volume", "rm", "pvol")).exitsCleanly();
    assertThat(podman("volume", "rm", "pvol")).exitedWith(1).stderrContains("no such volume");

    CliResult pod = podman("pod", "create", "--name", "ppod");
    assertThat(pod).exitsCleanly();
    assertThat(podman("pod", "ps", "--format", "{{.Name}}")).exitsCleanly().stdoutContains("ppod");
    assertThat(podman("pod", "exists", "ppod")).exitsCleanly();
    assertThat(podman("pod", "rm", "ppod")).exitsCleanly();
    assertThat(podman("pod", "exists", "ppod")).exitedWith(1);
  }
}
