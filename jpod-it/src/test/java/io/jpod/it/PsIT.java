package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PsIT extends JpodTestBase {

  private String runDetached(String name) {
    CliResult r = jpod("run", "-d", "--name", name, "busybox", "sleep", "1000");
    assertThat(r).exitsCleanly();
    return r.out();
  }

  private String runExited(String name) {
    assertThat(jpod("run", "--name", name, "busybox", "true")).exitsCleanly();
    return id(name);
  }

  @Test
  void quiet() {
    String id = runDetached(uniqueName("q"));
    assertThat(jpod("ps", "-q")).exitsCleanly().stdoutIs(id.substring(0, 12));
  }

  @Test
  void noTrunc() {
    String id = runDetached(uniqueName("nt"));
    CliResult r = jpod("ps", "-q", "--no-trunc");
    assertThat(r).exitsCleanly().stdoutIs(id);
    assertThat(r.out()).matches("[0-9a-f]{64}");
    CliResult table = jpod("ps", "--no-trunc");
    assertThat(table).exitsCleanly();
    assertThat(table.lines()).hasSize(2);
    assertThat(table.lines().get(1)).startsWith(id + " ");
  }

  @Test
  void goTemplateFormat() {
    String name = uniqueName("fmt");
    String id = runDetached(name);
    assertThat(jpod("ps", "--format", "{{.ID}} {{.Names}}")).exitsCleanly()
        .stdoutIs(id.substring(0, 12) + " " + name);
  }

  @Test
  void jsonFormat() throws Exception {
    String running = uniqueName("json-run");
    String exited = uniqueName("json-exit");
    String runningId = runDetached(running);
    runExited(exited);
    CliResult r = jpod("ps", "-a", "--format", "json");
    assertThat(r).exitsCleanly();
    JsonNode arr = new ObjectMapper().readTree(r.stdout());
    assertThat(arr.isArray()).isTrue();
    assertThat(arr.size()).isEqualTo(2);
    List<String> names = new ArrayList<>();
    for (JsonNode c : arr) {
      assertThat(c.path("Id").asText()).matches("[0-9a-f]{64}");
      assertThat(c.path("Names").isArray()).isTrue();
      names.add(c.path("Names").get(0).asText());
      String expectedState = c.path("Names").get(0).asText().equals(running) ? "running" : "exited";
      assertThat(c.path("State").asText()).isEqualTo(expectedState);
      if (expectedState.equals("running")) {
        assertThat(c.path("Id").asText()).isEqualTo(runningId);
      }
    }
    assertThat(names).containsExactlyInAnyOrder(running, exited);
  }

  @Test
  void sizesAsPodmanMeasuresThem() throws Exception {
    String name = uniqueName("size");
    // 6 + 8 bytes written, plus the 12-byte /etc/mtab link podman (and jpod) adds to every rootfs
    assertThat(jpod("run", "--name", name, "busybox", "sh", "-c", "echo hello > /x; mkdir /d; echo 1234567 > /d/y"))
        .exitsCleanly();
    CliResult sized = jpod("ps", "-a", "--size", "--filter", "name=" + name, "--format", "{{.Names}} {{.Size}}");
    assertThat(sized).exitsCleanly();
    assertThat(sized.out()).matches(java.util.regex.Pattern.quote(name) + " 26B \\(virtual [0-9.]+MB\\)");
    assertThat(jpod("ps", "-a", "-s", "--filter", "name=" + name).lines().getFirst()).endsWith("SIZE");
    JsonNode json = new ObjectMapper().readTree(jpod("ps", "-a", "-s", "--filter", "name=" + name, "--format", "json").stdout());
    assertThat(json.get(0).path("Size").path("rwSize").asLong()).isEqualTo(26);
    long rootFs = json.get(0).path("Size").path("rootFsSize").asLong();
    assertThat(rootFs).isGreaterThan(1_000_000);
    // without --size podman logs an error per row and prints nothing for the column
    CliResult unsized = jpod("ps", "-a", "--filter", "name=" + name, "--format", "{{.Names}}:{{.Size}}");
    assertThat(unsized).exitedWith(0).stdoutIs(name + ":");
    assertThat(unsized.err()).contains("Size format requires --size option");
    assertThat(jpod("inspect", "-s", name, "--format", "{{.SizeRw}} {{.SizeRootFs}}")).exitsCleanly()
        .stdoutIs("26 " + rootFs);
    assertThat(jpod("inspect", name, "--format", "{{.SizeRw}} {{.SizeRootFs}}")).exitsCleanly().stdoutIs("<nil> 0");
    assertThat(jpod("inspect", name).out()).doesNotContain("SizeRw");
  }

  @Test
  void timeAndMountFilters() {
    String first = uniqueName("f1");
    String second = uniqueName("f2");
    String third = uniqueName("f3");
    assertThat(jpod("create", "--name", first, "busybox", "true")).exitsCleanly();
    assertThat(jpod("create", "--name", second, "-v", jpod.dir() + ":/hosttmp", "busybox", "true")).exitsCleanly();
    assertThat(jpod("create", "--name", third, "busybox", "true")).exitsCleanly();
    assertThat(jpod("ps", "-a", "--filter", "since=" + second, "--format", "{{.Names}}")).exitsCleanly().stdoutIs(third);
    assertThat(jpod("ps", "-a", "--filter", "before=" + second, "--format", "{{.Names}}")).exitsCleanly().stdoutIs(first);
    assertThat(jpod("ps", "-a", "--filter", "volume=" + jpod.dir(), "--format", "{{.Names}}")).exitsCleanly().stdoutIs(second);
    assertThat(jpod("ps", "-a", "--filter", "volume=/hosttmp", "--format", "{{.Names}}")).exitsCleanly().stdoutIs("");
    assertThat(jpod("ps", "-a", "--filter", "until=1h", "-q")).exitsCleanly().stdoutIs("");
    assertThat(jpod("ps", "-a", "--filter", "before=no-such-ctr")).exitedWith(125)
        .stderrContains("no container with name or ID \"no-such-ctr\" found");
    assertThat(jpod("ps", "--filter", "bogus=1")).exitedWith(125).stderrContains("bogus is an invalid filter");
    // only a status filter looks past running containers; "stopped" and "exited" are one state to it
    assertThat(jpod("ps", "--filter", "name=" + first, "-q")).exitsCleanly().stdoutIs("");
    assertThat(jpod("ps", "--filter", "status=stopped", "--filter", "name=" + first, "--format", "{{.Names}}"))
        .exitsCleanly().stdoutIs("");
    assertThat(jpod("start", first)).exitsCleanly();
    assertThat(jpod("wait", first)).exitsCleanly();
    assertThat(jpod("ps", "--filter", "status=stopped", "--filter", "name=" + first, "--format", "{{.Names}}"))
        .exitsCleanly().stdoutIs(first);
    // prune takes label and until only; an hour ago none of these existed, so none goes
    assertThat(jpod("container", "prune", "-f", "--filter", "name=x")).exitedWith(125)
        .stderrContains("name is an invalid filter");
    assertThat(jpod("container", "prune", "-f", "--filter", "until=1h")).exitsCleanly().stdoutIs("");
    assertThat(jpod("ps", "-a", "-q")).exitsCleanly();
    assertThat(jpod("ps", "-a", "-q").lines()).hasSize(3);
  }

  @Test
  void filterStatusExited() {
    String running = uniqueName("st-run");
    String exited = uniqueName("st-exit");
    runDetached(running);
    runExited(exited);
    assertThat(jpod("ps", "-a", "--filter", "status=exited", "--format", "{{.Names}}"))
        .exitsCleanly().stdoutIs(exited);
    assertThat(jpod("ps", "-a", "--filter", "status=running", "--format", "{{.Names}}"))
        .exitsCleanly().stdoutIs(running);
  }

  @Test
  void filterName() {
    String a = uniqueName("fname-a");
    String b = uniqueName("fname-b");
    runExited(a);
    runExited(b);
    assertThat(jpod("ps", "-a", "--filter", "name=" + a, "--format", "{{.Names}}"))
        .exitsCleanly().stdoutIs(a);
  }

  @Test
  void last() {
    String first = uniqueName("first");
    String second = uniqueName("second");
    runExited(first);
    runExited(second);
    assertThat(jpod("ps", "-a", "--last", "1", "--format", "{{.Names}}")).exitsCleanly().stdoutIs(second);
    CliResult two = jpod("ps", "-a", "--last", "2", "--format", "{{.Names}}");
    assertThat(two).exitsCleanly();
    // the newest two, listed oldest first as podman sorts by creation
    assertThat(two.lines()).containsExactly(first, second);
    CliResult byName = jpod("ps", "-a", "--last", "2", "--sort", "names", "--format", "{{.Names}}");
    assertThat(byName.lines()).containsExactly(first, second);
    assertThat(jpod("ps", "--sort", "bogus")).exitedWith(125).stderrContains("is not a valid value");
  }
}
