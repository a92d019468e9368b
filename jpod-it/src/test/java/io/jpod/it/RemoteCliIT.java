package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * jpod's own CLI in remote mode ({@code jpod --url unix://...}) against {@code jpod system service}:
 * the commands go through the libpod API and the effects are seen by the local CLI on the same store.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RemoteCliIT extends JpodTestBase {
  private ApiService api;

  @BeforeAll
  void startService() throws IOException, InterruptedException {
    api = ApiService.start(jpod);
  }

  @AfterAll
  void stopService() throws InterruptedException {
    if (api != null) {
      jpod("rm", "-f", "rcd");
      assertThat(api.stop()).isTrue();
    }
  }

  private CliResult remote(String... args) {
    List<String> cmd = new ArrayList<>(List.of("--url", "unix://" + api.sock));
    cmd.addAll(List.of(args));
    return jpod(cmd.toArray(String[]::new));
  }

  @Test
  void containerLifecycleThroughTheService() {
    CliResult v = remote("version");
    assertThat(v).exitsCleanly().stdoutContains("Client:", "Server:       Podman Engine", "API Version:  4.3.1");

    CliResult run = remote("run", "--rm", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");
    assertThat(run).exitedWith(3);
    assertThat(run.out().strip()).isEqualTo("out");
    assertThat(run.err()).contains("err");

    CliResult d = remote("run", "-d", "--name", "rcd", "-e", "GREETING=hi", "busybox", "sh", "-c", "echo $GREETING; sleep 300");
    assertThat(d).exitsCleanly();
    String id = d.out().strip();
    assertThat(state("rcd")).isEqualTo("running");
    assertThat(remote("ps", "--format", "{{.ID}} {{.Names}}")).exitsCleanly().stdoutContains(id.substring(0, 12) + " rcd");
    assertThat(remote("ps", "-q", "--no-trunc")).exitsCleanly().stdoutContains(id);
    assertThat(waitFor(Duration.ofSeconds(10), () -> remote("logs", "rcd").out().contains("hi"))).isTrue();
    CliResult exec = remote("exec", "rcd", "sh", "-c", "echo inexec; exit 6");
    assertThat(exec).exitedWith(6);
    assertThat(exec.out().strip()).isEqualTo("inexec");
    assertThat(remote("inspect", "--format", "{{.Id}} {{.State.Status}}", "rcd")).exitsCleanly().stdoutContains(id + " running");
    assertThat(remote("stop", "-t", "1", "rcd")).exitsCleanly().stdoutContains("rcd");
    assertThat(state("rcd")).isEqualTo("exited");
    assertThat(remote("start", "rcd")).exitsCleanly();
    assertThat(remote("kill", "rcd")).exitsCleanly();
    assertThat(remote("rm", "rcd")).exitsCleanly().stdoutContains("rcd");
    assertThat(remote("rm", "rcd")).exitedWith(1).stderrContains("no such container");

    assertThat(remote("images", "--format", "{{.Repository}}:{{.Tag}}")).exitsCleanly().stdoutContains("localhost/busybox:latest");
    assertThat(remote("rmi", "nosuchimage")).exitedWith(1).stderrContains("image not known");
    CliResult unsupported = remote("volume", "ls");
    assertThat(unsupported).exitedWith(125).stderrContains("not supported in remote mode");
    assertThat(unsupported.err().lines().count()).isEqualTo(1);
  }
}
