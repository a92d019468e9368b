package io.jpod.image.archive;

import io.jpod.image.transport.MediaTypes;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.LayerCompression;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import io.jpod.storage.HashingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One image being added to a {@link DockerArchiveWriter}. Layers are spooled (uncompressed) until
 * {@link #commit}, which hands the image to the writer; the archive stores no manifest, so the one
 * given to {@link #putManifest} only supplies the layer order and the config digest.
 */
final class DockerArchiveDestination implements ImageDestination {
  private final DockerArchiveWriter writer;
  private final List<String> repoTags;
  private final Map<Digest, BlobFiles.Written> spooled = new ConcurrentHashMap<>();
  private byte[] config;
  private List<Digest> layerDigests;
  private boolean committed;

  DockerArchiveDestination(DockerArchiveWriter writer, List<String> repoTags) {
    this.writer = writer;
    this.repoTags = repoTags;
  }

  @Override
  public String describe() {
    return writer.describe() + (repoTags.isEmpty() ? "" : ":" + repoTags.getFirst());
  }

  @Override
  public LayerCompression layerCompression() {
    return LayerCompression.UNCOMPRESSED;
  }

  @Override
  public Boolean wantsOciMediaTypes() {
    return false;
  }

  @Override
  public void putConfig(byte[] config, BlobInfo info) {
    this.config = config.clone();
  }

  @Override
  public BlobInfo tryReuseLayer(int index, BlobInfo blob, String diffId) {
    for (String candidate : new String[] {diffId, blob.digest()}) {
      if (candidate != null) {
        Digest digest = Digest.parse(candidate);
        long size = writer.storedLayerSize(digest);
        if (size >= 0) {
          return new BlobInfo(MediaTypes.DOCKER_LAYER, digest.toString(), size);
        }
      }
    }
    return null;
  }

  /**
   * Spools layer {@code index}. The data should be uncompressed as asked; compressed data is
   * decompressed anyway (the archive must hold plain tars named by DiffID). Both the sent digest and
   * the DiffID are verified.
   */
  @Override
  public BlobInfo putLayer(int index, InputStream data, BlobInfo blob, String diffId) throws IOException {
    String what = describe() + ": layer " + index;
    HashingInputStream sent = new HashingInputStream(data);
    BufferedInputStream buffered = new BufferedInputStream(sent, 65536);
    InputStream plain = BlobCompression.sniff(buffered).decompress(buffered, what);
    Path file = writer.spoolDir().resolve(UUID.randomUUID() + ".tar");
    BlobFiles.Written written;
    try {
      written = BlobFiles.write(plain, file);
      sent.drain();
      BlobFiles.check(what, sent.digest(), sent.count(), blob.digest(), blob.size());
      BlobFiles.check(what, written.digest(), written.size(), diffId, -1);
    } catch (IOException | RuntimeException e) {
      BlobFiles.deleteQuietly(file);
      throw e;
    }
    BlobFiles.Written previous = spooled.putIfAbsent(written.digest(), written);
    if (previous != null) {
      BlobFiles.deleteQuietly(file); // the same layer twice in one image
    }
    return new BlobInfo(MediaTypes.DOCKER_LAYER, written.digest().toString(), written.size());
  }

  @Override
  public void putManifest(RawManifest manifest) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(manifest.bytes());
    } catch (IOException e) {
      throw JpodException.invalid(describe() + ": invalid manifest (" + e.getMessage() + ")");
    }
    String type = manifest.mediaType() != null ? manifest.mediaType() : root.path("mediaType").asText(null);
    if (!MediaTypes.isImageManifest(type)) {
      throw JpodException.invalid(describe() + ": unsupported manifest type " + type
          + " (a docker-archive stores a Docker schema 2 or OCI image)");
    }
    if (config == null) {
      throw new IllegalStateException(describe() + ": putManifest before putConfig");
    }
    String configDigest = root.path("config").path("digest").asText();
    if (!Digest.of(config).toString().equals(configDigest)) {
      throw JpodException.invalid(describe() + ": manifest names config " + configDigest
          + " but config " + Digest.of(config) + " was stored");
    }
    List<Digest> digests = new ArrayList<>();
    for (JsonNode layer : root.path("layers")) {
      digests.add(Digest.parse(layer.path("digest").asText()));
    }
    // manifest.json pairs Layers[i] with the config's diff_ids[i]: the files must be exactly those tars.
    List<Digest> diffIds = new ArrayList<>();
    try {
      Json.mapper().readTree(config).path("rootfs").path("diff_ids")
          .forEach(id -> diffIds.add(Digest.parse(id.asText())));
    } catch (IOException e) {
      throw JpodException.invalid(describe() + ": invalid config (" + e.getMessage() + ")");
    }
    if (!diffIds.equals(digests)) {
      throw JpodException.invalid(describe() + ": manifest layers " + digests
          + " are not the uncompressed layers the config lists " + diffIds);
    }
    layerDigests = List.copyOf(digests);
  }

  @Override
  public void commit() throws IOException {
    if (layerDigests == null) {
      throw new IllegalStateException(describe() + ": commit before putManifest");
    }
    writer.addCommitted(repoTags, config, layerDigests, spooled);
    committed = true;
    deleteSpool();
  }

  @Override
  public void close() {
    if (!committed) {
      deleteSpool();
    }
  }

  private void deleteSpool() {
    spooled.values().forEach(w -> BlobFiles.deleteQuietly(w.file()));
    spooled.clear();
  }
}
