package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;

import java.nio.charset.StandardCharsets;
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
}
