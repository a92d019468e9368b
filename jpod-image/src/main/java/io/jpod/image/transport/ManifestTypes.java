package io.jpod.image.transport;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.Json;
import java.io.IOException;

/**
 * Decides a manifest's media type when what came with it (a registry's {@code Content-Type}, a
 * source's label) does not: missing, plain JSON, text or octet-stream.
 */
public final class ManifestTypes {
  private ManifestTypes() {}

  public static String effectiveType(String contentType, byte[] bytes) {
    if (!contentType.isEmpty() && !contentType.equals("application/json") && !contentType.equals("text/plain")
        && !contentType.equals("application/octet-stream")) {
      return contentType;
    }
    return guess(bytes);
  }

  /** The type the JSON says or implies, as containers/image's GuessMIMEType; "" when unknown. */
  public static String guess(byte[] bytes) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(bytes);
    } catch (IOException e) {
      return "";
    }
    if (root == null || !root.isObject()) {
      return "";
    }
    String mt = root.path("mediaType").asText("");
    if (!mt.isEmpty()) {
      return mt;
    }
    if (root.path("schemaVersion").asInt() == 1) {
      return root.has("signatures") ? MediaTypes.DOCKER_SCHEMA1_SIGNED : MediaTypes.DOCKER_SCHEMA1;
    }
    if (root.has("manifests")) {
      return MediaTypes.OCI_INDEX;
    }
    if (root.has("config") && root.has("layers")) {
      return MediaTypes.OCI_MANIFEST;
    }
    return "";
  }
}
