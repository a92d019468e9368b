package io.jpod.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatsTest {
  record Row(String id, String image, String createdAt) {}

  static final List<Row> ROWS = List.of(new Row("abc123", "quay.io/x/alpine:latest", "2 hours ago"),
      new Row("def", "busybox", "now"));
  static final Map<String, String> HEADERS = Map.of("ID", "container id");

  @Test
  void tableWithHeaders() {
    assertThat(Formats.formatList("table {{.ID}}\\t{{.Image}}", ROWS, HEADERS)).isEqualTo(
        "CONTAINER ID  IMAGE\n"
            + "abc123        quay.io/x/alpine:latest\n"
            + "def           busybox\n");
  }

  @Test
  void tableHeaderFallbacks() {
    assertThat(Formats.formatList("table {{.CreatedAt}}\t{{.ID}} {{.Image}}\t{{printf \"%s/%s\" .ID .Image}}",
        List.of(new Row("a", "b", "c")), null)).isEqualTo(
        "CREATED AT  ID IMAGE    ID/IMAGE\n"
            + "c           a b         a/b\n");
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("State", Map.of("Status", "up"));
    assertThat(Formats.formatList("table {{.State.Status}}", List.of(state), null))
        .isEqualTo("STATE.STATUS\nup\n");
  }

  @Test
  void tableWithNoRowsPrintsHeader() {
    assertThat(Formats.formatList("table {{.ID}}\t{{.Image}}", List.of(), HEADERS)).isEqualTo("CONTAINER ID  IMAGE\n");
  }

  @Test
  void defaultFormatForBlankOrPlainTable() {
    String def = "table {{.ID}}\t{{.Image}}";
    assertThat(Formats.formatList("table", def, ROWS, HEADERS)).startsWith("CONTAINER ID  IMAGE\n");
    assertThat(Formats.formatList(null, def, ROWS, HEADERS)).startsWith("CONTAINER ID  IMAGE\n");
  }

  @Test
  void plainTemplateNoHeaderNoAlignment() {
    assertThat(Formats.formatList("{{.ID}}\\t{{.Image}}", ROWS, HEADERS))
        .isEqualTo("abc123\tquay.io/x/alpine:latest\ndef\tbusybox\n");
    assertThat(Formats.formatList("{{.ID}}\\n", ROWS, HEADERS)).isEqualTo("abc123\ndef\n");
  }

  @Test
  void jsonIsIndentedList() {
    String expected = "[\n    {\n        \"id\": \"def\",\n        \"image\": \"busybox\",\n"
        + "        \"createdAt\": \"now\"\n    }\n]\n";
    assertThat(Formats.formatList("json", List.of(ROWS.get(1)), HEADERS)).isEqualTo(expected);
    assertThat(Formats.formatList("{{json .}}", List.of(ROWS.get(1)), HEADERS)).isEqualTo(expected);
    assertThat(Formats.formatList("json", List.of(), HEADERS)).isEqualTo("[]\n");
    assertThat(Formats.toJson(Map.of("a", List.of(), "b", Map.of()))).isEqualTo("{\n    \"a\": [],\n    \"b\": {}\n}\n");
  }

  @Test
  void formatOneAndEach() {
    assertThat(Formats.formatOne("{{.Image}}", ROWS.get(0))).isEqualTo("quay.io/x/alpine:latest\n");
    assertThat(Formats.formatEach("{{.ID}}", ROWS)).isEqualTo("abc123\ndef\n");
    assertThat(Formats.formatEach(null, List.of())).isEqualTo("[]\n");
  }

  @Test
  void detection() {
    assertThat(Formats.isJson("json")).isTrue();
    assertThat(Formats.isJson(" {{ json . }} ")).isTrue();
    assertThat(Formats.isJson("{{json .ID}}")).isFalse();
    assertThat(Formats.isTable("table {{.ID}}")).isTrue();
    assertThat(Formats.isTable("{{.ID}}")).isFalse();
    assertThat(Formats.normalize("table {{.ID}}\\t{{.X}}")).isEqualTo("{{.ID}}\t{{.X}}\n");
  }

  @Test
  void headerNames() {
    assertThat(Formats.headerName("CreatedAt")).isEqualTo("CREATED AT");
    assertThat(Formats.headerName("ID")).isEqualTo("ID");
    assertThat(Formats.headerName("IPAddress")).isEqualTo("IP ADDRESS");
    assertThat(Formats.headerName("CPUPerc")).isEqualTo("CPU PERC");
    assertThat(Formats.headerName("Net2IO")).isEqualTo("NET 2 IO");
  }
}
