package io.jpod.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ShortCommandTest {
  private static ShortCommand.Result sh(String script, boolean captureStdout) {
    return ShortCommand.run(List.of("/bin/sh", "-c", script), captureStdout);
  }

  @Test
  void exitCodeAndStderrAreReturnedAndStdoutDiscarded() {
    ShortCommand.Result r = sh("echo out; echo oops >&2; exit 3", false);
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).isEqualTo("oops\n");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void stdoutIsCapturedWhenAsked() {
    ShortCommand.Result r = sh("echo out; echo err >&2", true);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.stderr()).isEqualTo("err\n");
  }

  @Test
  void bothPipesFilledBeyondTheirCapacityDoNotDeadlock() {
    // 256 KiB on each stream, more than a pipe holds (64 KiB), interleaved
    String script = "i=0; while [ $i -lt 64 ]; do head -c 4096 /dev/zero; head -c 4096 /dev/zero >&2; i=$((i+1)); done";
    ShortCommand.Result r = sh(script, true);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).hasSize(64 * 4096);
    assertThat(r.stderr()).hasSize(64 * 4096);
  }

  @Test
  void stdinIsEmpty() {
    assertThat(sh("cat", true).stdout()).isEmpty();
  }

  @Test
  void aSignalGivesTheShellsCode() {
    assertThat(sh("kill -TERM $$", false).exitCode()).isEqualTo(128 + Processes.SIGTERM);
  }

  @Test
  void aMissingProgramNamesItself() {
    assertThatThrownBy(() -> ShortCommand.run(List.of("/nonexistent/runtime", "start", "x"), false))
        .isInstanceOf(JpodException.class)
        .hasMessage("running /nonexistent/runtime: no such file or directory");
  }

  @Test
  void onAVirtualThreadTheResultIsTheSame() throws Exception {
    AtomicReference<ShortCommand.Result> result = new AtomicReference<>();
    Thread.ofVirtual().start(() -> result.set(sh("echo hi >&2; exit 7", false))).join();
    assertThat(result.get()).isEqualTo(new ShortCommand.Result(7, "", "hi\n"));
  }

  @Test
  void manyVirtualThreadsAtOnceAllFinish() throws Exception {
    List<Thread> threads = new java.util.ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < 16; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          assertThat(sh("sleep 0.1; echo done >&2", false)).isEqualTo(new ShortCommand.Result(0, "", "done\n"));
        } catch (Throwable t) {
          failure.set(t);
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failure.get()).isNull();
  }
}
