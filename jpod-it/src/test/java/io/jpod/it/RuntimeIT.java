package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runtime matrix: runc always; crun where the host allows it, and a clear refusal where not. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RuntimeIT extends JpodTestBase {
  private static final boolean HYBRID =
      !Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))
          && Files.exists(Path.of("/sys/fs/cgroup/unified/cgroup.controllers"));

  @Test
  void runcRunsContainers() {
    assertThat(jpod("--runtime", "runc", "run", "--rm", "busybox", "echo", "via-runc"))
        .exitsCleanly()
        .stdoutIs("via-runc");
  }

  @Test
  void crunRunsContainersWhereTheHostAllowsIt() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/crun")), "crun is not installed");
    assumeTrue(!HYBRID, "crun 1.x refuses hybrid cgroup hosts like this one (covered by the next test)");
    assertThat(jpod("--runtime", "crun", "run", "--rm", "busybox", "echo", "via-crun"))
        .exitsCleanly()
        .stdoutIs("via-crun");
  }

  @Test
  void crunOnAHybridHostIsRefusedWithTheReasonAndTheAlternative() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/crun")), "crun is not installed");
    assumeTrue(HYBRID, "only hybrid cgroup hosts refuse crun");
    String name = uniqueName("crun");
    assertThat(jpod("--runtime", "crun", "run", "--name", name, "busybox", "true"))
        .exitedWith(125)
        .singleErrorLine()
        .stderrContains("crun", "hybrid", "use --runtime runc");
    // nothing was created
    assertThat(jpod("container", "exists", name)).exitedWith(1);
  }

  @Test
  void missingRuntimeAndConmonAreReportedClearly() {
    assertThat(jpod("--runtime", "/nonexistent/runtime", "run", "--rm", "busybox", "true"))
        .exitedWith(125)
        .singleErrorLine()
        .stderrContains("not found");
    assertThat(jpod("--conmon", "/nonexistent/conmon", "run", "--rm", "busybox", "true"))
        .exitedWith(125)
        .singleErrorLine()
        .stderrContains("conmon");
    assertThat(jpod("ps", "-aq")).exitsCleanly().stdoutIs("");
  }
}
