package io.jpod.image.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.JpodException;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ManifestTypes;
import io.jpod.image.transport.MediaTypes;
import io.jpod.image.transport.RawManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A single-platform image manifest (OCI or Docker schema 2), parsed into its config and layer descriptors. */
public record ImageManifest(String mediaType, BlobInfo config, List<BlobInfo> layers) {
  public ImageManifest {
    layers = List.copyOf(layers);
  }

  public boolean oci() {
    return mediaType.equals(MediaTypes.OCI_MANIFEST);
  }

  /** Parses a raw manifest; {@code where} names the image in errors. */
  public static ImageManifest parse(RawManifest raw, ObjectMapper mapper, String where) {
    JsonNode root;
    try {
      root = mapper.readTree(raw.bytes());
    } catch (IOException e) {
      throw JpodException.invalid(where + ": invalid manifest: " + e.getMessage());
    }
    String type = ManifestTypes.effectiveType(raw.mediaType() == null ? "" : raw.mediaType(), raw.bytes());
    if (type.equals(MediaTypes.DOCKER_SCHEMA1) || type.equals(MediaTypes.DOCKER_SCHEMA1_SIGNED)) {
      throw JpodException.invalid(where + ": Docker schema 1 manifests are not supported");
    }
    if (MediaTypes.isIndex(type)) {
      throw JpodException.invalid(where + ": expected an image manifest, got an image index");
    }
    if (!MediaTypes.IMAGE_MANIFESTS.contains(type)) {
      throw JpodException.invalid(where + ": unsupported manifest media type \"" + type + "\"");
    }
    BlobInfo config = descriptor(root.path("config"), where);
    List<BlobInfo> layers = new ArrayList<>();
    for (JsonNode l : root.path("layers")) {
      BlobInfo b = descriptor(l, where);
      if (!isSupportedLayer(b.mediaType())) {
        throw JpodException.invalid(where + ": unsupported layer media type \"" + b.mediaType() + "\"");
      }
      layers.add(b);
    }
    return new ImageManifest(type, config, layers);
  }

  private static boolean isSupportedLayer(String t) {
    return t.equals(MediaTypes.OCI_LAYER) || t.equals(MediaTypes.OCI_LAYER_GZIP) || t.equals(MediaTypes.OCI_LAYER_ZSTD)
        || t.equals(MediaTypes.DOCKER_LAYER) || t.equals(MediaTypes.DOCKER_LAYER_GZIP)
        || t.equals(MediaTypes.DOCKER_FOREIGN_LAYER_GZIP)
        || t.equals("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");
  }

  private static BlobInfo descriptor(JsonNode n, String where) {
    String digest = n.path("digest").asText("");
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw JpodException.invalid(where + ": invalid manifest: bad or unsupported digest \"" + digest + "\"");
    }
    return new BlobInfo(n.path("mediaType").asText(""), digest, n.path("size").asLong(-1));
  }

  /** Serializes a manifest of this shape (schema 2), in OCI or Docker terms. */
  public static byte[] write(ObjectMapper mapper, boolean oci, BlobInfo config, List<BlobInfo> layers) {
    ObjectNode root = mapper.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST);
    root.set("config", node(mapper, config));
    ArrayNode arr = root.putArray("layers");
    layers.forEach(l -> arr.add(node(mapper, l)));
    try {
      return mapper.writeValueAsBytes(root);
    } catch (IOException e) {
      throw JpodException.system("encoding manifest: " + e.getMessage(), e);
    }
  }

  private static ObjectNode node(ObjectMapper mapper, BlobInfo b) {
    ObjectNode n = mapper.createObjectNode();
    n.put("mediaType", b.mediaType());
    n.put("digest", b.digest());
    n.put("size", b.size());
    return n;
  }
}
