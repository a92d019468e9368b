package io.jpod.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming event line must be exactly what the annotated record maps to. */
class EventLineTest {
  private static void same(Event e) throws Exception {
    assertThat(new String(EventLog.line(e), StandardCharsets.UTF_8)).isEqualTo(Json.mapper().writeValueAsString(e) + "\n");
  }

  @Test
  void linesMatchTheAnnotatedRecord() throws Exception {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("image", "localhost/busybox:latest");
    labels.put("name", "c\"1\u00e9");
    labels.put("empty", "");
    same(Event.container("start", "abc", "c1", "localhost/busybox:latest", labels));
    same(Event.container("died", "abc", "c1", "img", Map.of()).withExitCode(3));
    same(Event.container("died", "abc", "c1", "img", Map.of()).withExitCode(0));
    same(Event.container("health_status", "abc", "c1", "img", Map.of()).withHealthStatus("healthy"));
    same(new Event(null, "", null, "n", "remove", Instant.ofEpochSecond(1, 5), "image", null));
    same(new Event(7, "id", "i", "n", "s", Instant.parse("2026-12-02T10:00:00Z"), "volume", Map.of("a", "b"), ""));
  }
}
