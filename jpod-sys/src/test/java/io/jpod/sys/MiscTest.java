package io.jpod.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MiscTest {
  @Test
  void nofileHardLimitMatchesTheShell() throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", "ulimit -Hn").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).isZero();
    long expected = out.equals("unlimited") ? -1 : Long.parseLong(out);
    Rlimits.Limit limit = Rlimits.get("nofile");
    assertThat(limit.hard()).isEqualTo(expected);
    assertThat(limit.soft()).isBetween(1L, limit.hard() == -1 ? Long.MAX_VALUE : limit.hard());
  }

  @Test
  void ulimitNames() {
    assertThat(Rlimits.ociType("nofile")).isEqualTo("RLIMIT_NOFILE");
    assertThat(Rlimits.ociType("as")).isEqualTo("RLIMIT_AS");
    assertThat(Rlimits.ociType("rttime")).isEqualTo("RLIMIT_RTTIME");
    for (String name : new String[] {"core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
        "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack", "as"}) {
      assertThat(Rlimits.get(name)).isNotNull();
    }
    assertThatThrownBy(() -> Rlimits.get("bogus"))
        .isInstanceOf(JpodException.class)
        .hasMessage("invalid ulimit type: bogus");
  }

  @Test
  void pipesAreNotTerminals() {
    try (Pipe p = Pipe.open()) {
      int fd = p.read().fd();
      assertThat(Terminal.isatty(fd)).isFalse();
      assertThat(Terminal.windowSize(fd)).isEmpty();
      assertThatThrownBy(() -> Terminal.makeRaw(fd))
          .isInstanceOf(JpodException.class)
          .hasMessage("tcgetattr fd " + fd + ": inappropriate ioctl for device");
    }
  }

  @Test
  void idsMatchTheShell() throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", "id -u").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    assertThat(Ids.getuid()).isEqualTo(Integer.parseInt(out));
    assertThat(Ids.geteuid()).isEqualTo(Integer.parseInt(out));
  }
}
