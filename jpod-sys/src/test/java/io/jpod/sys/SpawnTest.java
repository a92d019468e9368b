package io.jpod.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SpawnTest {
  private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");

  @Test
  void childUsesMappedFdsAndInheritsNothingElse() throws Exception {
    try (Pipe out = Pipe.open();
        Pipe in = Pipe.open();
        // Deliberately without O_CLOEXEC: exactly the kind of fd that must not leak.
        Fd leak = Fd.open("/dev/null", Fd.O_RDONLY, 0)) {
      String script = "echo hello >&3; read line <&4; echo \"got $line\" >&3; ls /proc/self/fd >&3";
      int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", script), ENV, Map.of(3, out.write(), 4, in.read()), false);
      out.write().close();
      in.read().close();
      byte[] ping = "ping\n".getBytes(StandardCharsets.UTF_8);
      in.write().write(ping, 0, ping.length);
      in.write().close();
      String output = new String(out.read().inputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(Processes.waitpid(pid)).isZero();
      List<String> lines = output.lines().toList();
      assertThat(lines.subList(0, 2)).containsExactly("hello", "got ping");
      List<Integer> childFds = lines.subList(2, lines.size()).stream().map(Integer::parseInt).toList();
      // 0-4 from the spawn, 5 is the directory ls itself opened to list /proc/self/fd.
      assertThat(childFds).contains(0, 1, 2, 3, 4).allMatch(fd -> fd <= 5);
      assertThat(leak.fd()).isGreaterThan(5);
    }
  }

  @Test
  void sourcesNumberedLikeTargetsAreMovedFirst() throws Exception {
    try (Pipe a = Pipe.open(); Pipe b = Pipe.open()) {
      int x = a.write().fd();
      int y = b.write().fd();
      // Child fd x gets b's write end and child fd y gets a's: a naive dup2 order would clobber one.
      String script = "echo to-x > /proc/self/fd/" + x + "; echo to-y > /proc/self/fd/" + y;
      int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", script), ENV, Map.of(x, b.write(), y, a.write()), false);
      a.write().close();
      b.write().close();
      assertThat(new String(b.read().inputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("to-x\n");
      assertThat(new String(a.read().inputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("to-y\n");
      assertThat(Processes.waitpid(pid)).isZero();
    }
  }

  @Test
  void sameNumberInParentAndChildStaysOpen() throws Exception {
    try (Pipe p = Pipe.open()) {
      int n = p.write().fd();
      int pid =
          Spawn.spawn("/bin/sh", List.of("sh", "-c", "echo same > /proc/self/fd/" + n), ENV, Map.of(n, p.write()), false);
      p.write().close();
      assertThat(new String(p.read().inputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("same\n");
      assertThat(Processes.waitpid(pid)).isZero();
    }
  }

  @Test
  void signalsAreUnblockedAndNewProcessGroupIsOwnGroup() throws Exception {
    try (Pipe p = Pipe.open()) {
      String script = "read a b c d pgrp rest < /proc/self/stat; echo \"$pgrp $$\"; grep SigBlk /proc/self/status";
      int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", script), ENV, Map.of(1, p.write()), true);
      p.write().close();
      List<String> lines =
          new String(p.read().inputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertThat(Processes.waitpid(pid)).isZero();
      String[] ids = lines.get(0).split(" ");
      assertThat(ids[0]).isEqualTo(ids[1]).isEqualTo(Integer.toString(pid));
      assertThat(lines.get(1)).matches("SigBlk:\\s+0+");
    }
  }

  @Test
  void nullEnvironmentPassesTheJvmsOwn() throws Exception {
    try (Pipe p = Pipe.open()) {
      int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", "echo \"$PATH\""), null, Map.of(1, p.write()), false);
      p.write().close();
      String out = new String(p.read().inputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(Processes.waitpid(pid)).isZero();
      assertThat(out).isEqualTo(System.getenv("PATH"));
    }
  }

  @Test
  void exitCodesAndSignals() {
    assertThat(Processes.waitpid(sh("exit 7"))).isEqualTo(7);
    assertThat(Processes.waitpid(sh("kill -TERM $$"))).isEqualTo(128 + Processes.SIGTERM);
    // SIGPIPE must be at its default disposition even though the JVM handles it.
    assertThat(Processes.waitpid(sh("kill -PIPE $$"))).isEqualTo(128 + Processes.SIGPIPE);
  }

  @Test
  void missingProgramIsReported() {
    assertThatThrownBy(() -> Spawn.spawn("/nonexistent/prog", List.of("prog"), ENV, Map.of(), false))
        .isInstanceOf(JpodException.class)
        .hasMessage("spawn /nonexistent/prog: no such file or directory");
  }

  static int sh(String script) {
    return Spawn.spawn("/bin/sh", Arrays.asList("sh", "-c", script), ENV, Map.of(), false);
  }
}
