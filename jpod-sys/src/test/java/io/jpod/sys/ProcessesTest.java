package io.jpod.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class ProcessesTest {
  @ParameterizedTest
  @CsvSource({
    "9, 9", "KILL, 9", "SIGKILL, 9", "sigkill, 9", "kill, 9", "TERM, 15", "SIGHUP, 1", "CONT, 18",
    "STOP, 19", "WINCH, 28", "SIGUSR1, 10", "IOT, 6", "CLD, 17", "RTMIN, 34", "RTMIN+3, 37",
    "sigrtmin+15, 49", "RTMAX-14, 50", "RTMAX-1, 63", "RTMAX, 64", "64, 64"
  })
  void parsesPodmanSignalForms(String name, int number) {
    assertThat(Processes.signalNumber(name)).isEqualTo(number);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "-9", "SIGFOO", "RTMIN+16", "RTMAX-15", "RTMIN+", "SIG"})
  void rejectsInvalidSignals(String name) {
    assertThatThrownBy(() -> Processes.signalNumber(name))
        .isInstanceOf(JpodException.class)
        .hasMessage("invalid signal: " + name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"65", "99", "99999999999"})
  void numbersAboveTheLastSignalSayWhichAreValid(String name) {
    // podman's words for `kill -s 99`
    assertThatThrownBy(() -> Processes.signalNumber(name)).hasMessage("valid signals are 1 through 64");
  }

  @Test
  void namesSignals() {
    assertThat(Processes.signalName(9)).isEqualTo("SIGKILL");
    assertThat(Processes.signalName(15)).isEqualTo("SIGTERM");
    assertThat(Processes.signalName(37)).isEqualTo("SIGRTMIN+3");
    assertThat(Processes.signalName(63)).isEqualTo("SIGRTMAX-1");
    for (int sig = 1; sig <= 64; sig++) {
      if (sig != 32 && sig != 33) {
        assertThat(Processes.signalNumber(Processes.signalName(sig))).isEqualTo(sig);
      }
    }
    assertThatThrownBy(() -> Processes.signalName(65)).hasMessage("invalid signal: 65");
  }

  @Test
  void killAndAliveness() {
    assertThat(Processes.isAlive(ProcessHandle.current().pid())).isTrue();
    assertThat(Processes.isAlive(0)).isFalse();
    int pid = SpawnTest.sh("sleep 30");
    assertThat(Processes.isAlive(pid)).isTrue();
    assertThat(Processes.kill(pid, Processes.SIGKILL)).isTrue();
    assertThat(Processes.waitpid(pid)).isEqualTo(128 + Processes.SIGKILL);
    assertThat(Processes.kill(pid, 0)).isFalse();
    assertThat(Processes.isAlive(pid)).isFalse();
  }

  @Test
  void pidfdBecomesReadableWhenTheProcessExits() {
    try (Pipe stdin = Pipe.open()) {
      int pid = Spawn.spawn("/bin/sh", List.of("sh", "-c", "read x || exit 0"), List.of(), Map.of(0, stdin.read()), false);
      stdin.read().close();
      try (Fd pidfd = Processes.pidfdOpen(pid)) {
        assertThat(Processes.waitReadable(pidfd, 100)).isFalse();
        stdin.write().close();
        assertThat(Processes.waitReadable(pidfd, 10_000)).isTrue();
      }
      assertThat(Processes.waitpid(pid)).isZero();
    }
  }

  @Test
  void waitpidOnNonChildFails() {
    assertThatThrownBy(() -> Processes.waitpid(1))
        .isInstanceOf(JpodException.class)
        .hasMessage("waitpid 1: no child processes");
  }
}
