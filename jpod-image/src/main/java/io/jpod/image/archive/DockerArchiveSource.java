package io.jpod.image.archive;

import io.jpod.image.transport.MediaTypes;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import io.jpod.storage.HashingInputStream;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image of a docker-archive. The archive has no manifest, so one is synthesized as containers/image
 * does (same bytes, so the same digest as podman reports): Docker schema 2, each layer described by its
 * DiffID and uncompressed size, with media type {@code rootfs.diff.tar.gzip} even though
 * {@link #openBlob} always returns the <em>uncompressed</em> tar (a gzip layer file is decompressed on
 * the fly). Consumers must therefore sniff layer data rather than trust that media type.
 */
final class DockerArchiveSource implements ImageSource {
  private static final int MAX_CONFIG = 32 << 20;

  @JsonPropertyOrder({"mediaType", "size", "digest"})
  private record Descriptor(String mediaType, long size, String digest) {}

  @JsonPropertyOrder({"schemaVersion", "mediaType", "config", "layers"})
  private record Schema2(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers) {}

  private record Layer(String path, long size) {}

  /** What reading the config and sizing the layers produced (computed once, on first use). */
  private record Loaded(byte[] config, Digest configDigest, Map<Digest, Layer> layers, RawManifest manifest) {}

  private final TarIndex tar;
  private final DockerManifestItem item;
  private final int index;
  private Loaded loaded;

  DockerArchiveSource(TarIndex tar, DockerManifestItem item, int index) {
    this.tar = tar;
    this.item = item;
    this.index = index;
  }

  @Override
  public String describe() {
    return "docker-archive:" + tar.describe() + ":" + (item.repoTags().isEmpty() ? "@" + index
        : item.repoTags().getFirst());
  }

  @Override
  public List<String> names() {
    return item.repoTags();
  }

  @Override
  public RawManifest manifest() throws IOException {
    return loaded().manifest();
  }

  @Override
  public InputStream openBlob(BlobInfo blob) throws IOException {
    Loaded l = loaded();
    Digest digest = Digest.parse(blob.digest());
    if (digest.equals(l.configDigest())) {
      return new ByteArrayInputStream(l.config());
    }
    Layer layer = l.layers().get(digest);
    if (layer == null) {
      throw JpodException.notFound(describe() + ": no blob " + digest + " in the archive");
    }
    String what = tar.describe() + ": layer \"" + layer.path() + "\"";
    // Unverified here: an ImageSource's caller (the copier) checks every blob against its digest.
    return BlobCompression.autoDecompress(tar.open(layer.path()), what);
  }

  private synchronized Loaded loaded() throws IOException {
    if (loaded == null) {
      loaded = load();
    }
    return loaded;
  }

  private Loaded load() throws IOException {
    String where = tar.describe();
    byte[] config = tar.read(item.config(), "config", MAX_CONFIG);
    List<Digest> diffIds = diffIds(config, where + ": config \"" + item.config() + "\"");
    if (diffIds.size() != item.layers().size()) {
      throw JpodException.invalid(where + ": image " + describe() + " lists " + item.layers().size()
          + " layer files but its config has " + diffIds.size() + " diff_ids");
    }
    Map<Digest, Layer> layers = new LinkedHashMap<>();
    Map<String, Digest> pathUse = new HashMap<>();
    for (int i = 0; i < diffIds.size(); i++) {
      Digest diffId = diffIds.get(i);
      if (layers.containsKey(diffId)) {
        continue; // the same layer twice in one image: docker save links the copies, any path will do
      }
      String path = ArchivePaths.normalize(item.layers().get(i));
      if (path == null || pathUse.putIfAbsent(path, diffId) != null) {
        throw JpodException.invalid(where + ": layer file \"" + item.layers().get(i)
            + "\" is invalid or used for two different layers");
      }
      layers.put(diffId, new Layer(path, uncompressedSize(path, diffId)));
    }
    Digest configDigest = Digest.of(config);
    List<Descriptor> descriptors = new ArrayList<>();
    for (Digest diffId : diffIds) {
      descriptors.add(new Descriptor(MediaTypes.DOCKER_LAYER_GZIP, layers.get(diffId).size(), diffId.toString()));
    }
    Schema2 schema2 = new Schema2(2, MediaTypes.DOCKER_MANIFEST,
        new Descriptor(MediaTypes.DOCKER_CONFIG, config.length, configDigest.toString()), descriptors);
    RawManifest manifest = new RawManifest(Json.mapper().writeValueAsBytes(schema2), MediaTypes.DOCKER_MANIFEST);
    return new Loaded(config, configDigest, Map.copyOf(layers), manifest);
  }

  private static List<Digest> diffIds(byte[] config, String what) {
    JsonNode ids;
    try {
      ids = Json.mapper().readTree(config).path("rootfs").path("diff_ids");
    } catch (IOException e) {
      throw JpodException.invalid(what + ": invalid JSON (" + e.getMessage() + ")");
    }
    if (!ids.isArray()) {
      throw JpodException.invalid(what + ": rootfs.diff_ids is missing");
    }
    List<Digest> out = new ArrayList<>();
    for (JsonNode id : ids) {
      out.add(Digest.parse(id.asText()));
    }
    return out;
  }

  /**
   * The size of a layer as {@link #openBlob} delivers it. A compressed layer file has to be read once
   * to learn it; its DiffID is checked on the way, since the data is being hashed anyway.
   */
  private long uncompressedSize(String path, Digest diffId) throws IOException {
    long stored = tar.sizeOf(path);
    String what = tar.describe() + ": layer \"" + path + "\"";
    if (stored < 0) {
      throw JpodException.invalid(what + " is missing");
    }
    try (BufferedInputStream in = new BufferedInputStream(tar.open(path), 65536)) {
      BlobCompression compression = BlobCompression.sniff(in);
      if (compression == BlobCompression.NONE) {
        return stored;
      }
      HashingInputStream plain = new HashingInputStream(compression.decompress(in, what));
      try {
        plain.drain();
      } catch (IOException e) {
        throw JpodException.invalid(what + ": corrupt " + compression.name().toLowerCase() + " data ("
            + e.getMessage() + ")");
      }
      BlobFiles.check(what, plain.digest(), plain.count(), diffId.toString(), -1);
      return plain.count();
    }
  }
}
