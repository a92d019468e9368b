package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.MINUTES)
class EventsIT extends JpodTestBase {

  /** The statuses of {@code name}'s events, in order. */
  private List<String> statusesOf(String name, String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "events";
    args[1] = "--stream=false";
    System.arraycopy(extra, 0, args, 2, extra.length);
    args[2 + extra.length] = "--format";
    args[3 + extra.length] = "{{.Status}} {{.Name}}";
    CliResult r = jpod(args);
    assertThat(r).exitsCleanly();
    return r.lines().stream().filter(l -> l.endsWith(" " + name))
        .map(l -> l.substring(0, l.length() - name.length() - 1)).toList();
  }

  @Test
  void runRmEmitsLifecycleEventsInOrder() {
    String name = uniqueName("events");
    assertThat(jpod("run", "--rm", "--name", name, "busybox", "true")).exitsCleanly();
    CliResult r = jpod("events", "--stream=false", "--format", "{{.Status}}");
    assertThat(r).exitsCleanly();
    assertThat(r.lines()).containsSubsequence("create", "init", "start", "died", "remove");
    assertThat(statusesOf(name)).containsSubsequence("create", "init", "start", "died", "remove");
  }

  @Test
  void filterEventDied() {
    String name = uniqueName("died");
    assertThat(jpod("run", "--rm", "--name", name, "busybox", "sh", "-c", "exit 4")).exitedWith(4);
    CliResult r = jpod("events", "--stream=false", "--filter", "event=died", "--format", "{{.Status}} {{.Name}}");
    assertThat(r).exitsCleanly();
    assertThat(r.lines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("died "));
    assertThat(r.lines()).contains("died " + name);
  }

  @Test
  void aStreamShowsOnlyNewEventsAndTheNoneBackendHasNone() throws Exception {
    String before = uniqueName("before");
    assertThat(jpod("run", "--rm", "--name", before, "busybox", "true")).exitsCleanly();
    JpodCli.Started stream = jpod.start("events", "--format", "{{.Status}} {{.Name}}");
    String after = uniqueName("after");
    // the stream may take a moment to open the log: run until one of its events shows up
    assertThat(waitFor(java.time.Duration.ofSeconds(60), () -> {
      jpod("run", "--rm", "--name", after, "busybox", "true");
      try {
        return java.nio.file.Files.readString(stream.stdout()).contains("remove " + after);
      } catch (java.io.IOException e) {
        return false;
      }
    })).isTrue();
    stream.kill();
    String seen = java.nio.file.Files.readString(stream.stdout());
    assertThat(seen).doesNotContain(before);

    assertThat(jpod("--events-backend", "none", "events", "--stream=false")).exitedWith(125)
        .stderrContains("cannot read events with the \"none\" backend");
    CliResult shortIds = jpod("events", "--stream=false", "--no-trunc=false", "--filter", "type=container");
    assertThat(shortIds).exitsCleanly();
    assertThat(shortIds.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.split(" ")[6]).hasSize(12));
  }
}
