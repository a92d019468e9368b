package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.Json;
import io.jpod.image.archive.Platform;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PlatformChooserTest {
  private static JsonNode index(String... platforms) throws IOException {
    StringBuilder sb = new StringBuilder("{\"manifests\":[");
    for (int i = 0; i < platforms.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"digest\":\"d").append(i).append('"');
      if (!platforms[i].isEmpty()) {
        String[] p = platforms[i].split("/");
        sb.append(",\"platform\":{\"os\":\"").append(p[0]).append("\",\"architecture\":\"").append(p[1]).append('"');
        if (p.length > 2) {
          sb.append(",\"variant\":\"").append(p[2]).append('"');
        }
        sb.append('}');
      }
      sb.append('}');
    }
    return Json.mapper().readTree(sb.append("]}").toString());
  }

  private static String pick(JsonNode index, String arch, String variant) {
    return PlatformChooser.choose(index, new Platform(arch, "linux", variant))
        .map(e -> e.path("digest").asText()).orElse("none");
  }

  @Test
  void exactThenCompatibleVariants() throws IOException {
    JsonNode idx = index("linux/arm/v6", "linux/arm/v7", "linux/arm64/v8", "linux/amd64", "windows/amd64");
    assertThat(pick(idx, "arm", "v7")).isEqualTo("d1");
    assertThat(pick(idx, "arm", "v8")).isEqualTo("d1"); // v8 CPUs run v7 images
    assertThat(pick(idx, "arm", "v6")).isEqualTo("d0");
    assertThat(pick(idx, "arm", null)).isEqualTo("d1"); // the usual variant first
    assertThat(pick(idx, "arm64", null)).isEqualTo("d2");
    assertThat(pick(idx, "amd64", null)).isEqualTo("d3");
    assertThat(pick(idx, "s390x", null)).isEqualTo("none");
  }

  @Test
  void entriesWithoutVariantOrPlatform() throws IOException {
    assertThat(pick(index("linux/arm64"), "arm64", "v8")).isEqualTo("d0");
    assertThat(pick(index("linux/arm64/v9"), "arm64", null)).isEqualTo("d0");
    assertThat(pick(index("linux/arm64/v9"), "arm64", "v8")).isEqualTo("none");
    assertThat(pick(index("linux/s390x", ""), "amd64", null)).isEqualTo("d1");
  }
}
