package io.jpod.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoNilTest {
  @Test
  void nilSlicesAndMapsPrintEmptyInTemplatesAndNullInJson() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("Caps", GoNil.list());
    row.put("Labels", GoNil.map());
    row.put("Full", GoNil.orNil(List.of("A")));
    assertThat(Formats.formatList("{{.Caps}} {{.Labels}} {{.Full}} {{json .Caps}} {{json .Labels}}", List.of(row), null))
        .isEqualTo("[] map[] [A] null null\n");
    assertThat(Formats.toCompactJson(row)).isEqualTo("{\"Caps\":null,\"Labels\":null,\"Full\":[\"A\"]}");
  }
}
