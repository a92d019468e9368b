package io.jpod.image.archive;

import io.jpod.storage.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The legacy (v1) per-layer directories of a docker-archive ({@code <id>/VERSION}, {@code json},
 * {@code layer.tar}) and their ids, computed exactly as containers/image does so that jpod's archives
 * name them as podman's do: the id is the sha256 of the layer's v1 json plus its chain id, and the top
 * layer's json copies seven attributes of the image config.
 */
final class LegacyLayers {
  /** The config attributes the top layer's v1 json carries (a missing one is written as {@code null}). */
  private static final List<String> TOP_ATTRIBUTES = List.of("architecture", "config", "container",
      "container_config", "created", "docker_version", "os");
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  /** One legacy directory: its id, its {@code json} file and the layer ({@code <hex>.tar}) it links to. */
  record Layer(String id, byte[] json, String layerHex) {}

  private LegacyLayers() {}

  /** The legacy directories of an image with {@code config} and (uncompressed) layers {@code layerDigests}. */
  static List<Layer> of(byte[] config, List<Digest> layerDigests, String what) {
    Map<String, byte[]> attributes = layerDigests.isEmpty() ? Map.of() : GoJson.topLevel(config, what);
    List<Layer> out = new ArrayList<>();
    String parent = null;
    String chainId = null;
    for (int i = 0; i < layerDigests.size(); i++) {
      Digest layer = layerDigests.get(i);
      TreeMap<String, byte[]> json = new TreeMap<>();
      if (parent != null) {
        json.put("parent", GoJson.string(parent));
      }
      if (i == layerDigests.size() - 1) {
        for (String name : TOP_ATTRIBUTES) {
          byte[] raw = attributes.get(name);
          json.put(name, raw == null ? NULL : GoJson.compact(raw));
        }
      }
      // The chain id as docker computes it; it only goes into the hashed json, not the written one.
      chainId = chainId == null ? layer.toString()
          : Digest.of((chainId + " " + layer).getBytes(StandardCharsets.UTF_8)).toString();
      json.put("layer_id", GoJson.string(chainId));
      String id = Digest.of(GoJson.object(json)).hex();
      json.remove("layer_id");
      json.put("id", GoJson.string(id));
      out.add(new Layer(id, GoJson.object(json), layer.hex()));
      parent = id;
    }
    return out;
  }
}
