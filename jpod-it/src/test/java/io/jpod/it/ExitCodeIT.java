package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exit codes of {@code run} and friends, table-driven like podman's 030-run.bats. */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ExitCodeIT extends JpodTestBase {

  static Stream<Arguments> runExitCodes() {
    return Stream.of(
        // command, expected exit code, expected stderr fragment (null: only "Error:" checked)
        Arguments.of(new String[] {"run", "--rm", "busybox", "true"}, 0, null),
        Arguments.of(new String[] {"run", "--rm", "busybox", "false"}, 1, null),
        Arguments.of(new String[] {"run", "--rm", "busybox", "jpod-it-no-such-command"}, 127, "Error: "),
        Arguments.of(new String[] {"run", "--rm", "busybox", "/etc/passwd"}, 126, "Error: "),
        Arguments.of(new String[] {"run", "--rm", "--pull=never", "localhost/jpod-it-no-such-image:latest", "true"}, 125, "Error: "),
        // a flag value that does not parse: podman's two lines (the error, then where to find help)
        Arguments.of(new String[] {"run", "--stop-timeout", "-1", "--rm", "busybox", "true"}, 125, null),
        Arguments.of(new String[] {"run", "--memory", "abc", "--rm", "busybox", "true"}, 125, "Error: "));
  }

  @ParameterizedTest(name = "{index}: exit {1}")
  @MethodSource("runExitCodes")
  void runExitCode(String[] args, int expected, String stderrFragment) {
    CliResult r = jpod(args);
    assertThat(r).exitedWith(expected);
    if (stderrFragment != null) {
      assertThat(r).singleErrorLine().stderrContains(stderrFragment);
    } else if (expected == 125) {
      assertThat(r.stderr().strip().lines().toList()).hasSize(2).first().asString().startsWith("Error: ");
      assertThat(r.stderr()).contains("See 'jpod run --help'");
    }
    assertThat(jpod("ps", "-aq")).exitsCleanly().stdoutIs("");
  }

  @Test
  void missingCommandSays127AndOneErrorLine() {
    CliResult r = jpod("run", "--rm", "busybox", "jpod-it-no-such-command");
    assertThat(r).exitedWith(127).singleErrorLine().stderrContains("jpod-it-no-such-command");
  }

  @Test
  void unknownFlag() {
    CliResult r = jpod("run", "--foo", "busybox", "true");
    // like podman: "Error: unknown flag: --foo" then a "See '... --help'" hint
    assertThat(r).exitedWith(125).stderrContains("--foo");
    assertThat(r.errLines()).containsExactly("Error: unknown flag: --foo", "See 'jpod run --help'");
  }

  @Test
  void unknownCommand() {
    CliResult r = jpod("frobnicate");
    assertThat(r).exitedWith(125);
    assertThat(r.errLines()).containsExactly("Error: unrecognized command `jpod frobnicate`", "Try 'jpod --help' for more information");
  }

  @Test
  void anUnknownNameAmongSeveralStopsTheWholeCommand() {
    String name = uniqueName("batch");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sleep", "1000")).exitsCleanly();
    // podman looks every name up first: nothing is stopped, paused or removed
    for (String cmd : new String[] {"stop", "kill", "pause", "restart", "wait"}) {
      assertThat(jpod(cmd, "no-such-ctr-x", name)).as(cmd).exitedWith(125).singleErrorLine()
          .stderrContains("no container with name or ID \"no-such-ctr-x\" found");
    }
    assertThat(jpod("rm", "no-such-ctr-x", name)).exitedWith(1).singleErrorLine();
    assertThat(jpod("inspect", "--format", "{{.State.Status}}", name)).exitsCleanly().stdoutIs("running");
    assertThat(jpod("stop", "-t", "0", "--ignore", "no-such-ctr-x", name)).exitsCleanly().stdoutIs(name);
    // wait with several conditions ends at the first one met: exited (its code) or running (-1)
    assertThat(jpod("wait", "--condition", "running", "--condition", "exited", name)).exitsCleanly().stdoutIs("137");
    assertThat(jpod("start", name)).exitsCleanly();
    assertThat(jpod("wait", "--condition", "running", "--condition", "exited", name)).exitsCleanly().stdoutIs("-1");
  }

  @Test
  void duplicateName() {
    String name = uniqueName("dup");
    CliResult first = jpod("run", "-d", "--name", name, "busybox", "sleep", "1000");
    assertThat(first).exitsCleanly();
    String firstId = first.out();

    CliResult second = jpod("run", "--name", name, "busybox", "true");
    assertThat(second).exitedWith(125).stderrContains("already in use");

    // the first container is untouched
    assertThat(psField(name, "{{.ID}} {{.State}}")).isEqualTo(firstId + " running");
    assertThat(jpod("ps", "-aq", "--no-trunc")).exitsCleanly().stdoutIs(firstId);
  }

  @Test
  void rmUnknownContainerIs1() {
    CliResult r = jpod("rm", uniqueName("nosuch"));
    assertThat(r).exitedWith(1).singleErrorLine().stderrContains("no container with");
  }

  @Test
  void rmRunningContainerWithoutForceIs2() {
    String name = uniqueName("running");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sleep", "1000")).exitsCleanly();
    CliResult r = jpod("rm", name);
    assertThat(r).exitedWith(2).stderrContains("Error: ");
    assertThat(state(name)).isEqualTo("running");
  }

  @Test
  void containerExists() {
    String name = uniqueName("exists");
    assertThat(jpod("container", "exists", name)).exitedWith(1);
    assertThat(jpod("create", "--name", name, "busybox", "true")).exitsCleanly();
    assertThat(jpod("container", "exists", name)).exitsCleanly().stdoutIs("");
  }
}
