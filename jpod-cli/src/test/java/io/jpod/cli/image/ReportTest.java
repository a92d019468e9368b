package io.jpod.cli.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final Map<String, String> HEADERS = Map.of("ID", "IMAGE ID", "Size", "SIZE");
  private static final List<Object> ROWS = List.of(Map.of("ID", "6f16c9c326d6", "Size", "2.14 MB", "CreatedAt", "x"),
      Map.of("ID", "c2af1a979b6c", "Size", "2.14 MB", "CreatedAt", "y"));

  @Test
  void defaultFormatIsATable() {
    assertThat(Report.render(null, "{{.ID}}\t{{.Size}}\n", HEADERS, ROWS, false)).isEqualTo(
        "IMAGE ID      SIZE\n6f16c9c326d6  2.14 MB\nc2af1a979b6c  2.14 MB\n");
    assertThat(Report.render("table", "{{.ID}}\t{{.Size}}\n", HEADERS, ROWS, true)).isEqualTo(
        "6f16c9c326d6  2.14 MB\nc2af1a979b6c  2.14 MB\n");
  }

  @Test
  void userTableTurnsSpacesIntoColumns() {
    // podman 4.3.1: images --format 'table {{.ID}} {{.Size}}'
    assertThat(Report.render("table {{.ID}} {{.Size}}", "", HEADERS, ROWS, false)).isEqualTo(
        "IMAGE ID      SIZE\n6f16c9c326d6  2.14 MB\nc2af1a979b6c  2.14 MB\n");
  }

  @Test
  void fieldsWithoutHeaderPrintNoValue() {
    assertThat(Report.render("table {{.ID}}\\t{{.CreatedAt}}", "", HEADERS, ROWS, false).lines().findFirst())
        .hasValue("IMAGE ID      <no value>");
  }

  @Test
  void plainTemplatesAreUnalignedWithoutHeader() {
    assertThat(Report.render("{{.ID}} {{.Size}}", "", HEADERS, ROWS, false)).isEqualTo(
        "6f16c9c326d6 2.14 MB\nc2af1a979b6c 2.14 MB\n");
  }

  @Test
  void inspectJsonUsesFiveSpaces() {
    assertThat(InspectOutput.json(List.of(Map.of("Id", "x")))).isEqualTo("[\n     {\n          \"Id\": \"x\"\n     }\n]\n");
    assertThat(InspectOutput.json(List.of())).isEqualTo("[]\n");
    assertThat(InspectOutput.template("{{.ID}} {{ .ID }} {{.ImageID}}")).isEqualTo("{{.Id}} {{.Id}} {{.Image}}");
  }
}
