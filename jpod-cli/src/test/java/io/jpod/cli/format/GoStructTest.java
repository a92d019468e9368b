package io.jpod.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoStructTest {
  private static final List<Map<String, Object>> ROWS = List.of(Map.of("Names", "web", "Id", "abc"));

  @Test
  void knownFieldsRenderAndUnknownOnesFailAsPodmanSays() {
    assertThat(Formats.formatRows(RowType.PS, "{{.Names}} {{.ID}}", null, ROWS, null)).isEqualTo("web abc\n");
    assertThatThrownBy(() -> Formats.formatRows(RowType.PS, "{{.Bogus}}", null, ROWS, null))
        .hasMessage("template: ps:1:13: executing \"ps\" at <.Bogus>: can't evaluate field Bogus in type containers.psReporter");
    // a plain map view keeps Go's <no value> for a missing key
    assertThat(Formats.formatList("{{.Bogus}}", ROWS, null)).isEqualTo("<no value>\n");
  }

  @Test
  void inspectErrorsCarryPodmansPrefixAndJsonIgnoresTheWrapper() {
    assertThatThrownBy(() -> Formats.formatEach("{{.Nope}}", ROWS))
        .hasMessageStartingWith("inspecting object: printing inspect output: template: inspect:1:13:")
        .hasMessageEndingWith("can't evaluate field Nope in type interface {}");
    assertThat(Formats.formatEach("{{json .Names}} {{printf \"%v\" .}}", ROWS)).startsWith("\"web\" ");
  }

  @Test
  void omittedFieldsShowTheirZeroValueAndAStructPrintsItsValues() {
    java.util.LinkedHashMap<String, Object> zeros = new java.util.LinkedHashMap<>();
    zeros.put("created_by", "");
    zeros.put("comment", "");
    zeros.put("empty_layer", false);
    Map<String, Object> doc = Map.of("History", List.of(GoStruct.of("v1.History", Map.of("created_by", "sh"), zeros)),
        "Config", GoStruct.of("v1.ImageConfig", Map.of(), new java.util.LinkedHashMap<>(Map.of("Env", GoNil.list()))));
    assertThat(Formats.formatEach("{{.History}} {{range .History}}{{.CreatedBy}}{{end}} {{.Config.Env}} {{json .Config}}",
        List.of(doc))).isEqualTo("[{sh  false}] sh [] {}\n");
    assertThatThrownBy(() -> Formats.formatEach("{{.Config.Nope}}", List.of(doc)))
        .hasMessageEndingWith("can't evaluate field Nope in type v1.ImageConfig");
  }
}
