package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LogsIT extends JpodTestBase {

  private String finished(String script) {
    String name = uniqueName("logs");
    assertThat(jpod("run", "--name", name, "busybox", "sh", "-c", script)).exitedWith(0);
    return name;
  }

  @Test
  void logOptionsJsonFileAndPassthrough() throws Exception {
    java.nio.file.Path custom = jpod.dir().resolve(uniqueName("custom") + ".log");
    String name = uniqueName("logopt");
    assertThat(jpod("run", "--name", name, "--log-driver", "json-file", "--log-opt", "path=" + custom,
        "--log-opt", "max-size=10k", "--log-opt", "tag=web", "busybox", "echo", "to-file")).exitsCleanly().stdoutIs("to-file");
    assertThat(java.nio.file.Files.readString(custom)).contains(" stdout F to-file\n");
    assertThat(jpod("logs", name)).exitsCleanly().stdoutIs("to-file");
    assertThat(jpod("inspect", "--format",
        "{{.HostConfig.LogConfig.Type}} {{.HostConfig.LogConfig.Size}} {{.HostConfig.LogConfig.Tag}}", name))
        .exitsCleanly().stdoutIs("json-file 10kB web");
    assertThat(jpod("create", "--log-opt", "nokey", "busybox", "true")).exitedWith(125)
        .stderrContains("invalid log option \"nokey\"");

    // passthrough: the container writes to jpod's own stdout and stderr; nothing is logged
    String pt = uniqueName("passthrough");
    CliResult r = jpod("run", "--name", pt, "--log-driver", "passthrough", "busybox", "sh", "-c", "echo out; echo err >&2; exit 3");
    assertThat(r).exitedWith(3).stdoutIs("out").stderrIs("err");
    assertThat(jpod("logs", pt)).exitedWith(125).stderrContains("'passthrough' log driver, cannot read logs");
  }

  @Test
  void logsOfFinishedContainer() {
    String name = finished("echo a; echo b; echo c");
    assertThat(jpod("logs", name)).exitsCleanly().stdoutIs("a\nb\nc");
  }

  @Test
  void tail() {
    String name = finished("echo a; echo b; echo c");
    assertThat(jpod("logs", "--tail", "1", name)).exitsCleanly().stdoutIs("c");
    assertThat(jpod("logs", "--tail", "2", name)).exitsCleanly().stdoutIs("b\nc");
  }

  @Test
  void sinceAndUntilDurations() {
    String name = finished("echo a; echo b");
    // podman: a --since duration reaches back from now, an --until one forward
    assertThat(jpod("logs", "--since", "1h", "--until", "1h", name)).exitsCleanly().stdoutIs("a\nb");
    assertThat(jpod("logs", "--until", "2026-01-01T00:00:00Z", name)).exitsCleanly().stdoutIs("");
    assertThat(jpod("logs", "--since", "bogus", name)).exitedWith(125)
        .stderrContains("parsing --since \"bogus\": unable to interpret time value");
  }

  @Test
  void stderrGoesToStderr() {
    String name = uniqueName("logs-err");
    CliResult run = jpod("run", "--name", name, "busybox", "sh", "-c", "echo out; echo err >&2");
    assertThat(run).exitedWith(0).stdoutIs("out").stderrIs("err");
    CliResult logs = jpod("logs", name);
    assertThat(logs).exitedWith(0).stdoutIs("out").stderrIs("err");
  }

  @Test
  void followReturnsAllLinesWhenContainerExits() {
    String name = uniqueName("follow");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sh", "-c",
        "echo one; sleep 2; echo two; sleep 1; echo three")).exitsCleanly();
    assertThat(jpod("logs", "-f", name)).exitsCleanly().stdoutIs("one\ntwo\nthree");
  }

  @Test
  void timestamps() {
    String name = finished("echo a; echo b");
    CliResult r = jpod("logs", "-t", name);
    assertThat(r).exitsCleanly();
    assertThat(r.lines()).hasSize(2);
    String ts = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";
    assertThat(r.lines().get(0)).matches(ts + " a");
    assertThat(r.lines().get(1)).matches(ts + " b");
  }
}
