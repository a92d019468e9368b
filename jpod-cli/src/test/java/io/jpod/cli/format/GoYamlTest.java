package io.jpod.cli.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoYamlTest {

  @Test
  void writesLikePodmanInfo() {
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("version", "runc version 1.1.5\ncommit: x");
    host.put("arch", "amd64");
    host.put("cgroupControllers", List.of("cpu", "memory"));
    host.put("distribution", Map.of("version", "12"));
    host.put("conmon", "conmon version 2.1.6, commit: unknown");
    host.put("graphStatus", Map.of("Supports d_type", "true"));
    host.put("empty", Map.of());
    host.put("none", null);
    host.put("blank", "");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("store", Map.of("number", 2));
    doc.put("host", host);
    assertThat(GoYaml.write(doc)).isEqualTo("""
        host:
          arch: amd64
          blank: ""
          cgroupControllers:
          - cpu
          - memory
          conmon: 'conmon version 2.1.6, commit: unknown'
          distribution:
            version: "12"
          empty: {}
          graphStatus:
            Supports d_type: "true"
          none: null
          version: |-
            runc version 1.1.5
            commit: x
        store:
          number: 2
        """);
  }
}
