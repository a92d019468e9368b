package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LifecycleIT extends JpodTestBase {
  private static final Duration LONG = Duration.ofSeconds(60);

  private String runSleeper(String name) {
    CliResult r = jpod("run", "-d", "--name", name, "busybox", "sleep", "1000");
    assertThat(r).exitsCleanly();
    return r.out();
  }

  @Test
  void aStoppingContainerCanBeKilled() throws Exception {
    String name = uniqueName("stopping");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sh", "-c", "trap '' TERM; while :; do sleep 0.2; done"))
        .exitsCleanly();
    JpodCli.Started stop = jpod.start("stop", "-t", "60", name);
    assertThat(waitFor(java.time.Duration.ofSeconds(30),
        () -> jpod("inspect", "--format", "{{.State.Status}}", name).out().equals("stopping"))).isTrue();
    assertThat(jpod("kill", name)).exitsCleanly().stdoutIs(name);
    assertThat(stop.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(jpod("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", name)).stdoutIs("exited 137");
  }

  @Test
  void allLatestAndDependOptionsAsPodman() {
    String a = uniqueName("sel-a");
    String b = uniqueName("sel-b");
    assertThat(jpod("run", "-d", "--name", a, "busybox", "sleep", "600")).exitsCleanly();
    assertThat(jpod("create", "--name", b, "--network", "container:" + a, "busybox", "true")).exitsCleanly();
    String idA = jpod("inspect", "--format", "{{.Id}}", a).out();
    String idB = jpod("inspect", "--format", "{{.Id}}", b).out();

    assertThat(jpod("pause", "-a")).exitsCleanly().stdoutContains(idA);
    assertThat(jpod("inspect", "--format", "{{.State.Status}}", a)).stdoutIs("paused");
    assertThat(jpod("unpause", "-a")).exitsCleanly().stdoutContains(idA);
    assertThat(jpod("pause", "-a", a)).exitedWith(125).stderrContains("no arguments are needed with --all");
    assertThat(jpod("stop", "-a", a)).exitedWith(125).stderrContains("no arguments are needed with --all");
    assertThat(jpod("restart")).exitedWith(125).stderrContains("you must provide at least one name or id");
    assertThat(jpod("restart", "-a", "--running", "-t", "0")).exitsCleanly().stdoutContains(idA);
    assertThat(jpod("restart", "-a", "--running", "-t", "0").out()).doesNotContain(idB);
    // the newest container is b
    assertThat(jpod("rm", "-l")).exitsCleanly().stdoutIs(idB);
    assertThat(jpod("create", "--name", b, "--network", "container:" + a, "busybox", "true")).exitsCleanly();
    assertThat(jpod("rm", "-f", a)).exitedWith(125).stderrContains("has dependent containers");
    CliResult depend = jpod("rm", "-f", "--depend", a);
    assertThat(depend).exitsCleanly();
    assertThat(depend.lines()).hasSize(2).last().isEqualTo(idA);
    assertThat(jpod("volume", "rm", "-f", uniqueName("novol"))).exitsCleanly();
    String clean = uniqueName("clean");
    assertThat(jpod("run", "-d", "--name", clean, "busybox", "sleep", "600")).exitsCleanly();
    assertThat(jpod("container", "cleanup", clean)).exitedWith(125).stderrContains("refusing to clean up");
    assertThat(jpod("stop", "-t", "0", clean)).exitsCleanly();
    assertThat(jpod("container", "cleanup", clean)).exitsCleanly().stdoutIs(clean);
    assertThat(jpod("container", "cleanup", uniqueName("nosuch"))).exitedWith(125).stderrContains("no such container");
    assertThat(jpod("rm", clean)).exitsCleanly();
    String paused = uniqueName("paused");
    assertThat(jpod("run", "-d", "--name", paused, "busybox", "sleep", "600")).exitsCleanly();
    assertThat(jpod("pause", paused)).exitsCleanly();
    assertThat(jpod("restart", paused)).exitedWith(125).stderrContains("unable to restart a container in a paused");
    // --format wins over -q; {{.CreatedAt}} is a time, as podman's ps template has it
    assertThat(jpod("ps", "-q", "--filter", "name=" + paused, "--format", "{{.Names}} {{.CreatedAt}}"))
        .exitsCleanly().stdoutContains(paused + " 20", " +0000 UTC");
    assertThat(jpod("rm", "-f", "-t", "0", paused)).exitsCleanly();
    assertThat(jpod("pod", "rm", "-f", uniqueName("nopod"))).exitsCleanly();
  }

  @Test
  void createThenStart() {
    String name = uniqueName("created");
    CliResult c = jpod("create", "--name", name, "busybox", "sleep", "1000");
    assertThat(c).exitsCleanly();
    assertThat(c.out()).matches("[0-9a-f]{64}");
    CliResult ps = jpod("ps", "-a", "--format", "{{.Names}} {{.Status}}");
    assertThat(ps).exitsCleanly();
    assertThat(ps.lines()).contains(name + " Created");
    assertThat(state(name)).isEqualTo("created");

    // podman's inspect keys for a container that never ran, then for a running one
    assertThat(inspect(name, "[{{.OCIConfigPath}}|{{.State.ConmonPid}}|{{.HostConfig.Init}}|{{.ImageDigest}}]"))
        .matches("\\[\\|0\\|false\\|sha256:[0-9a-f]{64}]");
    assertThat(inspect(name, "{{.GraphDriver.Data.UpperDir}} {{.GraphDriver.Data.WorkDir}}")).matches(".*/diff .*/work");
    assertThat(inspect(name, "{{.GraphDriver.Data.LowerDir}}")).endsWith("/diff").doesNotContain(":");

    assertThat(jpod("start", name)).exitsCleanly().stdoutIs(name);
    assertThat(state(name)).isEqualTo("running");
    assertThat(inspect(name, "{{.GraphDriver.Data.MergedDir}}")).endsWith("/merged");
    assertThat(inspect(name, "{{.OCIConfigPath}}")).endsWith("/config.json");
    assertThat(inspect(name, "{{.State.ConmonPid}}")).matches("[1-9][0-9]*");
  }

  @Test
  void cidfileAndReplace() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jpod-cid");
    String cid = dir.resolve("ctr-id").toString();
    String name = uniqueName("cid");
    CliResult r = jpod("run", "-d", "--cidfile", cid, "--name", name, "busybox", "sleep", "1000");
    assertThat(r).exitsCleanly();
    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(cid))).isEqualTo(r.out());
    // the file is claimed: a second container may not use it, and nothing is created for it
    assertThat(jpod("create", "--cidfile", cid, "--name", name + "-2", "busybox"))
        .exitedWith(125).stderrContains("container id file exists");
    assertThat(jpod("container", "exists", name + "-2")).exitedWith(1);
    assertThat(jpod("stop", "-t", "0", "--cidfile", cid)).exitsCleanly().stdoutIs(r.out());
    assertThat(state(name)).isEqualTo("exited");
    // --replace removes the old container of that name and says so
    CliResult replaced = jpod("create", "--replace", "--name", name, "busybox", "true");
    assertThat(replaced).exitsCleanly();
    assertThat(replaced.lines()).hasSize(2).first().isEqualTo(name);
    assertThat(jpod("rm", "--cidfile", cid)).exitedWith(1).stderrContains("no such container");
    assertThat(jpod("rm", "--cidfile", dir.resolve("missing").toString()))
        .exitedWith(125).stderrContains("reading CIDFile: open " + dir.resolve("missing") + ": no such file or directory");
    assertThat(jpod("create", "--replace", "busybox")).exitedWith(125).stderrContains("without --name");
    assertThat(jpod("create", "--sdnotify", "bad", "busybox")).exitedWith(125).stderrContains("invalid sdnotify value");
    assertThat(jpod("rm", "-f", name)).exitsCleanly();
  }

  @Test
  void pauseUnpause() {
    String name = uniqueName("pause");
    runSleeper(name);
    assertThat(jpod("pause", name)).exitsCleanly();
    assertThat(state(name)).isEqualTo("paused");
    assertThat(jpod("unpause", name)).exitsCleanly();
    assertThat(state(name)).isEqualTo("running");
  }

  @Test
  void stopKillsAfterTimeoutWhenSigtermIsIgnored() {
    String name = uniqueName("stop");
    runSleeper(name);
    // sleep as PID 1 has no SIGTERM handler, so the kernel ignores SIGTERM: jpod must SIGKILL it
    assertThat(jpod("stop", "-t", "1", name)).exitedWith(0).stdoutIs(name);
    assertThat(psField(name, "{{.State}} {{.ExitCode}}")).isEqualTo("exited 137");
  }

  @Test
  void restart() {
    String name = uniqueName("restart");
    runSleeper(name);
    String pid1 = psField(name, "{{.Pid}}");
    assertThat(jpod("restart", "-t", "0", name)).exitsCleanly();
    assertThat(state(name)).isEqualTo("running");
    String pid2 = psField(name, "{{.Pid}}");
    assertThat(pid2).isNotEqualTo(pid1).isNotEqualTo("0");

    // restart of an exited container starts it again
    assertThat(jpod("stop", "-t", "0", name)).exitedWith(0);
    assertThat(state(name)).isEqualTo("exited");
    assertThat(jpod("restart", name)).exitsCleanly();
    assertThat(state(name)).isEqualTo("running");
  }

  @Test
  void killWithSignalThenKill() {
    String name = uniqueName("kill");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sh", "-c",
        "trap 'echo got-usr1' USR1; echo ready; while :; do sleep 0.2; done")).exitsCleanly();
    assertThat(waitFor(LONG, () -> jpod("logs", name).stdout().contains("ready"))).isTrue();
    assertThat(jpod("kill", "-s", "USR1", name)).exitsCleanly();
    assertThat(waitFor(LONG, () -> jpod("logs", name).stdout().contains("got-usr1")))
        .as("container logs show the trap ran").isTrue();
    assertThat(state(name)).isEqualTo("running");

    assertThat(jpod("kill", name)).exitsCleanly();
    assertThat(jpod("wait", name)).exitsCleanly().stdoutIs("137");
    // wait can return while conmon's cleanup still runs (state "stopped"); it ends in "exited"
    assertThat(waitFor(LONG, () -> psField(name, "{{.State}}").equals("exited"))).isTrue();
    assertThat(psField(name, "{{.State}} {{.ExitCode}}")).isEqualTo("exited 137");
  }

  @Test
  void waitPrintsExitCode() {
    String name = uniqueName("wait");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sh", "-c", "sleep 1; exit 5")).exitsCleanly();
    assertThat(jpod("wait", name)).exitsCleanly().stdoutIs("5");
    assertThat(psField(name, "{{.ExitCode}}")).isEqualTo("5");
  }

  @Test
  void rename() {
    String oldName = uniqueName("old");
    String newName = uniqueName("new");
    String id = runSleeper(oldName);
    assertThat(jpod("rename", oldName, newName)).exitsCleanly();
    assertThat(jpod("container", "exists", oldName)).exitedWith(1);
    assertThat(jpod("container", "exists", newName)).exitsCleanly();
    assertThat(psField(newName, "{{.ID}} {{.Names}}")).isEqualTo(id + " " + newName);
  }

  @Test
  void rmForceOfRunningContainer() {
    String name = uniqueName("rmf");
    runSleeper(name);
    // sleep as PID 1 ignores SIGTERM: like podman, rm -f waits the stop timeout, warns, and kills
    assertThat(jpod("rm", "-f", name)).exitedWith(0).stdoutIs(name)
        .stderrContains("level=warning msg=\"StopSignal SIGTERM failed to stop container " + name
            + " in 10 seconds, resorting to SIGKILL\"");
    assertThat(jpod("container", "exists", name)).exitedWith(1);
    assertThat(jpod("ps", "-aq")).exitsCleanly().stdoutIs("");
  }

  @Test
  void containerPrune() {
    String exited1 = uniqueName("prune1");
    String exited2 = uniqueName("prune2");
    String running = uniqueName("keep");
    assertThat(jpod("run", "--name", exited1, "busybox", "true")).exitsCleanly();
    CliResult e2 = jpod("create", "--name", exited2, "busybox", "true");
    assertThat(e2).exitsCleanly();
    assertThat(jpod("start", "-a", exited2)).exitsCleanly();
    String runningId = runSleeper(running);
    String id1 = id(exited1);

    CliResult prune = jpod("container", "prune", "-f");
    assertThat(prune).exitsCleanly();
    assertThat(prune.lines()).containsExactlyInAnyOrder(id1, e2.out());
    assertThat(jpod("ps", "-aq", "--no-trunc")).exitsCleanly().stdoutIs(runningId);
  }

  @Test
  void inspectJson() throws Exception {
    String name = uniqueName("inspect");
    String id = runSleeper(name);
    CliResult r = jpod("inspect", name);
    assertThat(r).exitsCleanly();
    JsonNode arr = new ObjectMapper().readTree(r.stdout());
    assertThat(arr.isArray()).isTrue();
    assertThat(arr.size()).isEqualTo(1);
    JsonNode c = arr.get(0);
    assertThat(c.path("Id").asText()).isEqualTo(id);
    assertThat(c.path("Name").asText()).isEqualTo(name);
    assertThat(c.path("State").path("Status").asText()).isEqualTo("running");
    JsonNode cmd = c.path("Config").path("Cmd");
    assertThat(cmd.isArray()).isTrue();
    assertThat(cmd.get(0).asText()).isEqualTo("sleep");
    assertThat(cmd.get(1).asText()).isEqualTo("1000");
    assertThat(c.path("HostConfig").isObject()).isTrue();
  }

  @Test
  void inspectUnknown() {
    CliResult r = jpod("inspect", uniqueName("nosuch"));
    assertThat(r).exitedWith(125).stdoutIs("[]").stderrContains("Error: ");
  }
}
