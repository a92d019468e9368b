package io.jpod.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.image.archive.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks an image index entry for a platform as containers/image does: the exact variant first, then
 * compatible older variants, then entries that name no variant; without a wanted variant, an entry
 * without one, then the architecture's usual variants, then any; and finally an entry with no platform.
 */
final class PlatformChooser {
  private PlatformChooser() {}

  /** The variants a CPU of {@code arch}/{@code variant} can run, best first. */
  private static final Map<String, List<String>> COMPATIBLE = Map.of(
      "arm/v8", List.of("v8", "v7", "v6", "v5"),
      "arm/v7", List.of("v7", "v6", "v5"),
      "arm/v6", List.of("v6", "v5"),
      "arm64/v8", List.of("v8"),
      "amd64/v4", List.of("v4", "v3", "v2", "v1"),
      "amd64/v3", List.of("v3", "v2", "v1"),
      "amd64/v2", List.of("v2", "v1"));

  private static final Map<String, List<String>> USUAL = Map.of(
      "arm64", List.of("v8"),
      "arm", List.of("v7", "v6", "v5"),
      "amd64", List.of("v1"));

  /** The chosen entry of {@code index} (its {@code manifests} array), if any. */
  static Optional<JsonNode> choose(JsonNode index, Platform want) {
    List<JsonNode> entries = new ArrayList<>();
    index.path("manifests").forEach(entries::add);
    List<String> variants = new ArrayList<>();
    boolean anyVariant = false;
    if (want.variant() != null && !want.variant().isEmpty()) {
      variants.addAll(COMPATIBLE.getOrDefault(want.architecture() + "/" + want.variant(), List.of(want.variant())));
      variants.add("");
    } else {
      variants.add("");
      variants.addAll(USUAL.getOrDefault(want.architecture(), List.of()));
      anyVariant = true;
    }
    for (String v : variants) {
      for (JsonNode e : entries) {
        JsonNode p = e.get("platform");
        if (p != null && matchesOsArch(p, want) && p.path("variant").asText("").equals(v)) {
          return Optional.of(e);
        }
      }
    }
    if (anyVariant) {
      for (JsonNode e : entries) {
        JsonNode p = e.get("platform");
        if (p != null && matchesOsArch(p, want)) {
          return Optional.of(e);
        }
      }
    }
    for (JsonNode e : entries) {
      if (e.get("platform") == null) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static boolean matchesOsArch(JsonNode p, Platform want) {
    return p.path("os").asText("").equals(want.os()) && p.path("architecture").asText("").equals(want.architecture());
  }
}
