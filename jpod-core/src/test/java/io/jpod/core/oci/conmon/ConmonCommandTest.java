package io.jpod.core.oci.conmon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConmonCommandTest {
  private static ConmonCommand command(boolean tty, boolean stdin, long logSizeMax) {
    return new ConmonCommand("/usr/bin/conmon", "ID", "t1", "/usr/sbin/runc", "U", "R/pidfile", "/run/jpod/exits",
        "k8s-file", "U/ctr.log", logSizeMax, "warning", "R/oci-log", true, tty, stdin, false, "R/conmon.pid",
        List.of("/bin/jpod", "--root", "/g", "container", "cleanup", "ID"), false, 0);
  }

  @Test
  void argvFollowsLibpodOrder() {
    assertThat(command(false, false, -1).argv()).containsExactly(
        "/usr/bin/conmon", "--api-version", "1", "-c", "ID", "-u", "ID", "-r", "/usr/sbin/runc", "-b", "U",
        "-p", "R/pidfile", "-n", "t1", "--exit-dir", "/run/jpod/exits", "--full-attach", "-l", "k8s-file:U/ctr.log",
        "--log-level", "warning", "--runtime-arg", "--log-format=json", "--runtime-arg", "--log",
        "--runtime-arg=R/oci-log", "--conmon-pidfile", "R/conmon.pid", "--exit-delay", "1", "--exit-command", "/bin/jpod",
        "--exit-command-arg", "--root", "--exit-command-arg", "/g", "--exit-command-arg", "container",
        "--exit-command-arg", "cleanup", "--exit-command-arg", "ID");
  }

  @Test
  void terminalWinsOverStdinAndLogLimitIsPassed() {
    List<String> tty = command(true, true, 300).argv();
    assertThat(tty).contains("-t").doesNotContain("-i");
    assertThat(tty).containsSequence("--log-size-max", "300");
    assertThat(command(false, true, -1).argv()).contains("-i").doesNotContain("-t");
  }

  @Test
  void syncMessagesParse() {
    assertThat(SyncPipe.parse("{\"data\": 13130}")).isEqualTo(new SyncPipe.Message(13130, ""));
    assertThat(SyncPipe.parse("{\"data\": -1, \"message\": \"exec: \\\"x\\\" failed\"}"))
        .isEqualTo(new SyncPipe.Message(-1, "exec: \"x\" failed"));
    assertThatThrownBy(() -> SyncPipe.parse("garbage")).isInstanceOf(JpodException.class);
  }

  @Test
  void detachKeysParseLikePodman() {
    assertThat(AttachSession.parseDetachKeys("ctrl-p,ctrl-q")).containsExactly(16, 17);
    assertThat(AttachSession.parseDetachKeys("a,ctrl-b")).containsExactly(97, 2);
    assertThat(AttachSession.parseDetachKeys("")).isEmpty();
    assertThatThrownBy(() -> AttachSession.parseDetachKeys("ctrl-1")).isInstanceOf(JpodException.class);
  }
}
