package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Attached starts: output arrives from the first byte, stdin reaches the container, exit codes pass. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AttachIT extends JpodTestBase {
  @Test
  void startAttachedPrintsOutputAndExitsWithTheContainersCode() {
    String name = uniqueName("att");
    assertThat(jpod("create", "--name", name, "busybox", "sh", "-c", "echo first; exit 4")).exitsCleanly();
    assertThat(jpod("start", "-a", name)).exitedWith(4).stdoutIs("first");
    // a second attached start runs it again
    assertThat(jpod("start", "-a", name)).exitedWith(4).stdoutIs("first");
  }

  @Test
  void startInteractiveFeedsStdin() {
    String name = uniqueName("atti");
    assertThat(jpod("create", "-i", "--name", name, "busybox", "cat")).exitsCleanly();
    CliResult r = jpod.runWithInput("hello stdin\n".getBytes(StandardCharsets.UTF_8), "start", "-ai", name);
    assertThat(r).exitsCleanly().stdoutIs("hello stdin");
  }

  private static final String TRAP_LOOP =
      "trap 'echo got-term; exit 3' TERM; trap 'echo got-int; exit 4' INT; echo READY; while :; do sleep 0.1; done";

  @Test
  void signalsToAForegroundRunReachTheContainer() throws Exception {
    String name = uniqueName("sigp");
    JpodCli.Started run = jpod.start("run", "--rm", "--name", name, "busybox", "sh", "-c", TRAP_LOOP);
    awaitReady(run);
    run.process().destroy(); // SIGTERM to jpod, which hands it on
    assertTrue(run.process().waitFor(60, TimeUnit.SECONDS));
    assertThat(run.result(run.process().exitValue())).exitedWith(3).stdoutIs("READY\ngot-term");
    assertThat(jpod("container", "exists", name)).exitedWith(1); // --rm still removed it
  }

  @Test
  void startAttachedForwardsSigintAndAttachToo() throws Exception {
    String name = uniqueName("sigs");
    assertThat(jpod("create", "--name", name, "busybox", "sh", "-c", TRAP_LOOP)).exitsCleanly();
    JpodCli.Started start = jpod.start("start", "-a", name);
    awaitReady(start);
    signal(start, "INT");
    assertTrue(start.process().waitFor(60, TimeUnit.SECONDS));
    assertThat(start.result(start.process().exitValue())).exitedWith(4);

    assertThat(jpod("start", name)).exitsCleanly();
    assertTrue(waitFor(Duration.ofSeconds(30), () -> jpod("logs", name).stdout().strip().endsWith("READY")));
    JpodCli.Started attach = jpod.start("attach", name);
    Thread.sleep(500); // attach prints nothing until the container writes: give it time to connect
    signal(attach, "TERM");
    assertTrue(attach.process().waitFor(60, TimeUnit.SECONDS));
    assertThat(attach.result(attach.process().exitValue())).exitedWith(3);
  }

  @Test
  void withoutSigProxyASignalEndsOnlyJpod() throws Exception {
    String name = uniqueName("nosigp");
    JpodCli.Started run = jpod.start("run", "--sig-proxy=false", "--name", name, "busybox", "sh", "-c", TRAP_LOOP);
    awaitReady(run);
    run.process().destroy();
    assertTrue(run.process().waitFor(60, TimeUnit.SECONDS));
    assertThat(jpod("inspect", "--format", "{{.State.Status}}", name)).exitsCleanly().stdoutIs("running");
    assertThat(jpod("start", "--sig-proxy", name)).exitedWith(125)
        .stderrContains("you cannot use sig-proxy without --attach");
  }

  private static void awaitReady(JpodCli.Started s) {
    assertTrue(waitFor(Duration.ofSeconds(60), () -> {
      try {
        return Files.readString(s.stdout()).contains("READY");
      } catch (IOException e) {
        return false;
      }
    }), "the container never said READY");
  }

  private static void signal(JpodCli.Started s, String sig) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(s.process().pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());
  }

  @Test
  void detachKeysOnATerminalLeaveTheProcessRunning() throws Exception {
    String name = uniqueName("detach");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sleep", "600")).exitsCleanly();
    // exec -it: the detach keys end jpod (255, as podman) and the shell goes on
    assertEquals(255, onTerminal("exec", "-it", name, "sh"));
    assertThat(jpod("exec", name, "ps", "-o", "comm")).exitsCleanly().stdoutContains("sh");

    String shell = uniqueName("detach-run");
    assertEquals(0, onTerminal("run", "-it", "--name", shell, "busybox", "sh"));
    assertThat(jpod("inspect", "--format", "{{.State.Status}}", shell)).exitsCleanly().stdoutIs("running");
    // what was typed before the detach keys ran (DetachKeyFilterTest covers the held-back keys)
    assertThat(jpod("logs", shell)).exitsCleanly().stdoutContains("one");
  }

  /** Runs jpod on a terminal (util-linux script), types a command, then ctrl-p, ctrl-q; its exit code. */
  private int onTerminal(String... args) throws Exception {
    String cmd = jpod.command(args).stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
        .collect(java.util.stream.Collectors.joining(" "));
    Process p = new ProcessBuilder("script", "-qfec", cmd, "/dev/null").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (var in = p.getOutputStream()) {
      Thread.sleep(3000);
      in.write("echo one\r".getBytes(StandardCharsets.UTF_8));
      in.flush();
      Thread.sleep(1000);
      in.write(0x10);
      in.flush();
      Thread.sleep(500);
      in.write(0x11);
      in.flush();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jpod did not detach");
    }
    return p.exitValue();
  }
}
