package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILLs jpod at various points of {@code run -d}, {@code create} and {@code rm -f}; whatever state
 * is left behind must still be listable and removable. The JVM needs about a second to start, so
 * the longer delays are the ones that land inside the command's work.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class CrashIT extends JpodTestBase {

  private void killAfter(long delayMs, String... args) throws InterruptedException {
    JpodCli.Started s = jpod.start(args);
    try {
      Thread.sleep(delayMs);
    } finally {
      s.kill();
    }
  }

  /** ps -a works, every listed container can be removed, and nothing is left. */
  private void assertRecoverable() {
    CliResult ps = jpod("ps", "-a", "-q", "--no-trunc");
    assertThat(ps).exitsCleanly();
    for (String id : ps.lines()) {
      assertThat(jpod("rm", "-f", "-t", "0", id)).exitedWith(0);
    }
    assertThat(jpod("ps", "-a", "-q")).exitsCleanly().stdoutIs("");
  }

  @ParameterizedTest(name = "run -d killed after {0} ms")
  @ValueSource(ints = {50, 200, 400, 800, 1500, 2500})
  void runDetachedKilled(int delayMs) throws Exception {
    killAfter(delayMs, "run", "-d", "--name", uniqueName("crash-run"), "busybox", "sleep", "100");
    assertRecoverable();
  }

  @ParameterizedTest(name = "create killed after {0} ms")
  @ValueSource(ints = {50, 200, 400, 800, 1500, 2500})
  void createKilled(int delayMs) throws Exception {
    killAfter(delayMs, "create", "--name", uniqueName("crash-create"), "busybox", "sleep", "100");
    assertRecoverable();
  }

  @ParameterizedTest(name = "rm -f killed after {0} ms")
  @ValueSource(ints = {50, 200, 400, 800, 1500, 2500})
  void rmForceKilled(int delayMs) throws Exception {
    String name = uniqueName("crash-rm");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sleep", "100")).exitsCleanly();
    killAfter(delayMs, "rm", "-f", "-t", "0", name);
    assertRecoverable();
  }
}
