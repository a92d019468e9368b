package io.jpod.image.copy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The {@code rootfs.diff_ids} of an image config. */
public final class ConfigDiffIds {
  private ConfigDiffIds() {}

  public static List<String> of(byte[] config) {
    try {
      JsonNode ids = Json.mapper().readTree(config).path("rootfs").path("diff_ids");
      List<String> out = new ArrayList<>();
      ids.forEach(n -> out.add(n.asText()));
      return out;
    } catch (IOException e) {
      throw JpodException.invalid("invalid image config: " + e.getMessage());
    }
  }
}
