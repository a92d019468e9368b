package io.jpod.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's documents as the CLI prints them, and the multiplexed stream podman's API sends. */
class RemoteDocsTest {
  private static Map<String, Object> listContainer(String state) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("Id", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    c.put("Command", List.of("sh", "-c", "echo a long command line"));
    c.put("Names", List.of("web"));
    c.put("Created", Instant.now().minusSeconds(120).toString());
    c.put("State", state);
    c.put("StartedAt", Instant.now().minusSeconds(60).getEpochSecond());
    c.put("ExitedAt", Instant.now().minusSeconds(5).getEpochSecond());
    c.put("ExitCode", 3);
    c.put("Status", "");
    c.put("Ports", List.of(Map.of("host_ip", "", "container_port", 80, "host_port", 8080, "range", 1, "protocol", "tcp")));
    return c;
  }

  @Test
  void psRowAsPodmansPsReporter() {
    Map<String, Object> row = RemoteDocs.psRow(listContainer("running"), false);
    assertThat(row.get("ID")).isEqualTo("0123456789ab");
    assertThat(row.get("Names")).isEqualTo("web");
    assertThat(row.get("Command")).isEqualTo("sh -c echo a long…");
    assertThat((String) row.get("Status")).startsWith("Up ");
    assertThat(row.get("Ports")).isEqualTo("0.0.0.0:8080->80/tcp");
    assertThat((String) RemoteDocs.psRow(listContainer("exited"), true).get("Status")).startsWith("Exited (3) ");
    assertThat(RemoteDocs.psRow(listContainer("configured"), true).get("Status")).isEqualTo("Created");
  }

  @Test
  void imageSummaryFromTheApiList() {
    var s = RemoteDocs.imageSummary(Map.of("Id", "abc", "RepoTags", List.of("localhost/busybox:latest"), "Created", 1000,
        "Size", 2048, "Containers", 1));
    assertThat(s.id()).isEqualTo("abc");
    assertThat(s.names()).containsExactly("localhost/busybox:latest");
    assertThat(s.created()).isEqualTo(Instant.ofEpochSecond(1000));
    assertThat(s.size()).isEqualTo(2048);
  }

  @Test
  void framesAreSplitByStream() throws Exception {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    frame(wire, 1, "out\n");
    frame(wire, 2, "err\n");
    frame(wire, 1, "more\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RemoteEngine.demux(new ByteArrayInputStream(wire.toByteArray()), out, err);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out\nmore\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err\n");

    ByteArrayOutputStream failing = new ByteArrayOutputStream();
    frame(failing, 3, "container gone\n");
    assertThatThrownBy(() -> RemoteEngine.demux(new ByteArrayInputStream(failing.toByteArray()), out, err))
        .isInstanceOf(JpodException.class).hasMessage("container gone");
  }

  @Test
  void queryParametersAreEncodedAndNullsLeftOut() {
    assertThat(LibpodClient.query("reference", "localhost/busybox:latest", "t", null, "all", true))
        .isEqualTo("?reference=localhost%2Fbusybox%3Alatest&all=true");
    assertThat(LibpodClient.seg("a b/c")).isEqualTo("a%20b%2Fc");
  }

  private static void frame(ByteArrayOutputStream sink, int type, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sink.writeBytes(new byte[] {(byte) type, 0, 0, 0, 0, 0, 0, (byte) b.length});
    sink.writeBytes(b);
  }
}
