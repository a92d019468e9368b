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
    // a private network config dir: the test creates networks, which must not land in /etc
    api = ApiService.start(jpod, "--network-config-dir", networkConfigDir().toString());
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
    CliResult unsupported = remote("network", "prune", "-f");
    assertThat(unsupported).exitedWith(125).stderrContains("not supported in remote mode");
    assertThat(unsupported.err().lines().count()).isEqualTo(1);
  }

  @Test
  void objectsAndContainerVerbsThroughTheService() {
    assertThat(remote("info", "--format", "{{.Host.Arch}} {{.Version.Version}}")).exitsCleanly().stdoutContains("amd64");

    // networks: create, list, inspect, connect with an alias, disconnect, remove
    assertThat(remote("network", "create", "--subnet", "10.91.7.0/24", "rnet")).exitsCleanly().stdoutIs("rnet");
    assertThat(remote("network", "ls", "--format", "{{.Name}} {{.Driver}}")).exitsCleanly().stdoutContains("rnet bridge");
    assertThat(remote("network", "inspect", "rnet", "--format", "{{range .Subnets}}{{.Subnet}}{{end}}"))
        .exitsCleanly().stdoutIs("10.91.7.0/24");
    assertThat(remote("run", "-d", "--name", "rverbs", "-p", "127.0.0.1:38917:80", "busybox", "sh", "-c",
        "echo one; sleep 2; echo two; exec sleep 300")).exitsCleanly();
    assertThat(remote("network", "connect", "--alias", "ralias", "rnet", "rverbs")).exitsCleanly();
    assertThat(jpod("inspect", "--format", "{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.Aliases}} {{end}}", "rverbs"))
        .exitsCleanly().stdoutContains("rnet=[ralias");
    assertThat(remote("network", "disconnect", "rnet", "rverbs")).exitsCleanly();
    assertThat(remote("network", "rm", "rnet")).exitsCleanly().stdoutIs("rnet");
    assertThat(remote("network", "inspect", "rnet")).exitedWith(125).stderrContains("network not found");

    // volumes: create with a label, filtered list, inspect, rm, prune
    assertThat(remote("volume", "create", "--label", "k=v", "rvol")).exitsCleanly().stdoutIs("rvol");
    assertThat(remote("volume", "create", "rvol2")).exitsCleanly();
    assertThat(remote("volume", "ls", "--filter", "label=k=v", "-q")).exitsCleanly().stdoutIs("rvol");
    assertThat(remote("volume", "inspect", "rvol", "--format", "{{.Name}} {{.Labels}}")).exitsCleanly().stdoutIs("rvol map[k:v]");
    assertThat(remote("volume", "rm", "rvol")).exitsCleanly().stdoutIs("rvol");
    assertThat(remote("volume", "rm", "rvol")).exitedWith(1).stderrContains("no such volume");
    assertThat(remote("volume", "prune", "-f")).exitsCleanly().stdoutContains("rvol2");

    // pods: create, ps, start, inspect, stop, rm
    assertThat(remote("pod", "create", "--name", "rpod")).exitsCleanly();
    assertThat(remote("pod", "ps", "--format", "{{.Name}} {{.Status}} {{.NumberOfContainers}}")).exitsCleanly()
        .stdoutContains("rpod Created 1");
    assertThat(remote("pod", "start", "rpod")).exitsCleanly();
    assertThat(remote("pod", "inspect", "rpod", "--format", "{{.Name}} {{.State}}")).exitsCleanly().stdoutIs("rpod Running");
    assertThat(remote("pod", "stop", "-t", "1", "rpod")).exitsCleanly();
    assertThat(remote("pod", "rm", "rpod")).exitsCleanly();
    assertThat(remote("pod", "rm", "rpod")).exitedWith(1).stderrContains("no such pod");

    // logs with --tail, --since and --until
    assertThat(waitFor(Duration.ofSeconds(20), () -> remote("logs", "rverbs").out().contains("two"))).isTrue();
    assertThat(remote("logs", "--tail", "1", "rverbs")).exitsCleanly().stdoutIs("two");
    assertThat(remote("logs", "--since", "2000-01-01T00:00:00Z", "rverbs")).exitsCleanly().stdoutIs("one\ntwo");
    assertThat(remote("logs", "--until", "2000-01-01T00:00:00Z", "rverbs")).exitsCleanly().stdoutIs("");

    // pause, unpause, top, port, rename, restart, wait
    assertThat(remote("pause", "rverbs")).exitsCleanly();
    assertThat(state("rverbs")).isEqualTo("paused");
    assertThat(remote("unpause", "rverbs")).exitsCleanly();
    assertThat(remote("top", "rverbs")).exitsCleanly().stdoutContains("USER", "PID", "sleep 300");
    assertThat(remote("top", "rverbs", "pid", "args")).exitsCleanly().stdoutContains("PID", "COMMAND", "sleep 300");
    assertThat(remote("port", "rverbs")).exitsCleanly().stdoutIs("80/tcp -> 127.0.0.1:38917");
    assertThat(remote("port", "rverbs", "80")).exitsCleanly().stdoutIs("127.0.0.1:38917");
    assertThat(remote("rename", "rverbs", "rverbs2")).exitsCleanly();
    assertThat(remote("restart", "-t", "1", "rverbs2")).exitsCleanly().stdoutIs("rverbs2");
    assertThat(state("rverbs2")).isEqualTo("running");
    assertThat(remote("wait", "--condition", "running", "rverbs2")).exitsCleanly().stdoutIs("-1");
    assertThat(remote("kill", "rverbs2")).exitsCleanly();
    assertThat(remote("wait", "rverbs2")).exitsCleanly().stdoutIs("137");
    assertThat(remote("rm", "rverbs2")).exitsCleanly();
  }
}
