package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code jpod exec}: processes in a running container through conmon's exec mode. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExecIT extends JpodTestBase {
  private String name;

  @BeforeEach
  void startContainer() {
    name = uniqueName("exec");
    assertThat(jpod("run", "-d", "--name", name, "-e", "FROM_RUN=1", "busybox", "sleep", "600")).exitsCleanly();
  }

  @Test
  void exitCodeAndStreamsPassThrough() {
    CliResult r = jpod("exec", name, "sh", "-c", "echo out; echo err >&2; exit 5");
    assertThat(r).exitedWith(5);
    assertThat(r.out()).isEqualTo("out");
    assertThat(r.err()).contains("err");
  }

  @Test
  void interactiveStdinReachesTheProcess() {
    CliResult r = jpod.runWithInput("piped line\n".getBytes(StandardCharsets.UTF_8), "exec", "-i", name, "cat");
    assertThat(r).exitsCleanly().stdoutIs("piped line");
  }

  @Test
  void execInheritsTheContainersUserWithoutItsPrimaryGroup() {
    String other = uniqueName("exec-user");
    assertThat(jpod("run", "-d", "--name", other, "-u", "1000:1000", "--group-add", "12", "busybox", "sleep", "600"))
        .exitsCleanly();
    // podman: the container's user and --group-add groups, but not the gid the main process also gets
    assertThat(jpod("exec", other, "id")).exitsCleanly().stdoutIs("uid=1000(1000) gid=1000(1000) groups=12");
    assertThat(jpod("exec", "-u", "0", other, "id", "-G")).exitsCleanly().stdoutIs("0");
    assertThat(jpod("rm", "-f", "-t", "0", other)).exitsCleanly();
  }

  @Test
  void detachedPrivilegedLatestAndRefusedSessions() {
    // -d prints the session's id
    assertThat(jpod("exec", "-d", name, "sleep", "1").out()).matches("[0-9a-f]{64}");
    // --privileged: the capabilities jpod holds itself, not the container's default set
    String own = jpod("exec", name, "sh", "-c", "grep CapEff /proc/self/status").out();
    String privileged = jpod("exec", "--privileged", name, "sh", "-c", "grep CapEff /proc/self/status").out();
    assertThat(Long.parseUnsignedLong(privileged.split("\\s+")[1], 16))
        .isGreaterThan(Long.parseUnsignedLong(own.split("\\s+")[1], 16));
    // --latest: the first word is the command
    assertThat(jpod("exec", "-l", "sh", "-c", "echo $FROM_RUN")).exitsCleanly().stdoutIs("1");
    // a session podman cannot make ends with 255
    assertThat(jpod("exec", "-u", "no-such-user", name, "id")).exitedWith(255).singleErrorLine()
        .stderrContains("unable to find user no-such-user");
    assertThat(jpod("exec", name)).exitedWith(255).stderrContains("must provide a non-empty command");
  }

  @Test
  void envWorkdirAndUserApply() {
    CliResult r = jpod("exec", "-e", "A=b", "-w", "/tmp", "-u", "nobody", name, "sh", "-c", "echo $A $FROM_RUN; pwd; id -u");
    assertThat(r).exitsCleanly().stdoutIs("b 1\n/tmp\n65534");
  }

  @Test
  void missingAndNonExecutableCommandsGive127And126() {
    assertThat(jpod("exec", name, "/no/such/cmd")).exitedWith(127).singleErrorLine();
    assertThat(jpod("exec", name, "/etc/passwd")).exitedWith(126).singleErrorLine();
  }

  @Test
  void execIntoAStoppedContainerFails() {
    assertThat(jpod("stop", "-t", "0", name)).exitsCleanly();
    assertThat(jpod("exec", name, "true")).exitedWith(255).stderrContains("running");
    assertThat(jpod("exec", "no-such-container-x", "true")).exitedWith(125).stderrContains("no such container");
  }

  @Test
  void detachedSessionIsForgottenWhenItsProcessEnds() {
    assertThat(jpod("exec", "-d", name, "sleep", "1")).exitsCleanly();
    assertThat(waitFor(Duration.ofSeconds(60), () -> jpod("inspect", "-f", "{{len .ExecIDs}}", name).out().equals("0")))
        .as("exec session removed by conmon's exit command").isTrue();
  }
}
