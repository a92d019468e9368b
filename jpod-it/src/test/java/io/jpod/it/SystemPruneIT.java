package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * {@code system prune} and {@code system reset}. Networks live in a private config dir: both commands
 * remove every unused network of the dir they are given, and the host's is shared with other tests.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemPruneIT extends JpodTestBase {
  private static final String PRUNE_WARNING = """
      WARNING! This command removes:
      \t- all stopped containers
      \t- all networks not used by at least one container
      \t- all dangling images
      \t- all dangling build cache

      Are you sure you want to continue? [y/N]\s""";

  @Test
  @Order(1)
  void prune() {
    String exited = uniqueName("exited");
    String running = uniqueName("running");
    assertThat(net("run", "--name", exited, "busybox", "true")).exitsCleanly();
    String exitedId = id(exited);
    assertThat(net("run", "-d", "--name", running, "-v", "used:/data", "busybox", "sleep", "1000")).exitsCleanly();
    assertThat(net("volume", "create", "unused")).exitsCleanly();
    assertThat(net("network", "create", "prunenet")).exitsCleanly();
    assertThat(net("import", "-m", "spare", busybox.tar().toString(), "spare")).exitsCleanly();
    String spareId = net("image", "inspect", "--format", "{{.Id}}", "spare").out();

    // the question, answered no or not at all: nothing goes
    assertThat(jpod.runWithInput("n\n".getBytes(StandardCharsets.UTF_8), "--network-config-dir",
        networkConfigDir().toString(), "system", "prune")).exitsCleanly().stdoutIs(PRUNE_WARNING.strip());
    assertThat(net("system", "prune")).exitedWith(125).stderrIs("Error: EOF");
    assertThat(net("system", "prune", "-f", "--filter", "bogus=1")).exitedWith(125)
        .stderrIs("Error: bogus is an invalid filter");
    assertThat(net("system", "prune", "-f", "extra")).exitedWith(125);
    assertThat(jpod("container", "exists", exited)).exitsCleanly();

    assertThat(net("system", "prune", "-f")).exitsCleanly().stdoutIs(String.join("\n",
        "Deleted Containers", exitedId, "Deleted Networks", "prunenet", "Total reclaimed space: 0B"));
    assertThat(jpod("volume", "exists", "unused")).exitsCleanly();
    assertThat(jpod("image", "exists", "spare")).exitsCleanly();

    CliResult all = net("system", "prune", "-a", "--volumes", "-f");
    assertThat(all).exitsCleanly();
    assertThat(all.lines()).containsExactly("Deleted Volumes", "unused", "Deleted Images", spareId,
        all.lines().getLast());
    assertThat(all.lines().getLast()).matches("Total reclaimed space: [0-9.]+[kM]?B");
    assertThat(state(running)).isEqualTo("running");
    assertThat(jpod("volume", "exists", "used")).exitsCleanly();
    assertThat(jpod("image", "exists", "busybox")).exitsCleanly();
    assertThat(net("system", "prune", "-f")).exitsCleanly().stdoutIs("Total reclaimed space: 0B");
  }

  @Test
  @Order(2)
  void reset() throws Exception {
    assertThat(net("run", "-d", "--name", uniqueName("reset"), "-v", "resetvol:/data", "busybox", "sleep", "1000"))
        .exitsCleanly();
    assertThat(net("network", "create", "resetnet")).exitsCleanly();
    CliResult no = jpod.runWithInput("n\n".getBytes(StandardCharsets.UTF_8), "system", "reset");
    assertThat(no).exitsCleanly();
    assertThat(no.out()).startsWith("WARNING! This will remove:\n        - all containers\n")
        .contains("- the graphRoot directory: \"" + jpod.root() + "\"")
        .endsWith("Are you sure you want to continue? [y/N]");
    assertThat(jpod("system", "reset", "x")).exitedWith(125);

    assertThat(net("system", "reset", "-f")).exitsCleanly().stdoutIs("");
    assertThat(Files.exists(jpod.root())).isFalse();
    assertThat(Files.exists(jpod.runRoot())).isFalse();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(jpod.dir().toString());
    assertThat(jpod("ps", "-aq")).exitsCleanly().stdoutIs("");
    assertThat(jpod("images", "-q")).exitsCleanly().stdoutIs("");
    assertThat(jpod("volume", "ls", "-q")).exitsCleanly().stdoutIs("");
    assertThat(net("network", "ls", "--format", "{{.Name}}")).exitsCleanly().stdoutIs("podman");
  }
}
