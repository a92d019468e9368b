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
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One image being written into an OCI layout by an {@link OciLayoutWriter}. Layer media types come from
 * the data itself (gzip, zstd or plain tar by magic bytes), so a layer is never mislabelled whatever
 * form the copier sends.
 */
final class OciLayoutDestination implements ImageDestination {
  private final OciLayoutWriter writer;
  private final String refName;
  /** Every blob this image stored or reused, once per use (the writer counts uses). */
  private final Queue<Digest> used = new ConcurrentLinkedQueue<>();
  private RawManifest manifest;
  private Digest manifestDigest;
  private boolean committed;

  OciLayoutDestination(OciLayoutWriter writer, String refName) {
    this.writer = writer;
    this.refName = refName;
  }

  @Override
  public String describe() {
    return writer.describe(refName);
  }

  @Override
  public LayerCompression layerCompression() {
    return writer.compression();
  }

  @Override
  public Boolean wantsOciMediaTypes() {
    return true;
  }

  @Override
  public void putConfig(byte[] config, BlobInfo info) throws IOException {
    BlobFiles.Written w = writer.store(new ByteArrayInputStream(config), info.digest(), config.length,
        describe() + ": config");
    used.add(w.digest());
  }

  /** Reuses a blob already in the layout when it is in the form this destination asks for. */
  @Override
  public BlobInfo tryReuseLayer(int index, BlobInfo blob, String diffId) throws IOException {
    List<String> candidates = new ArrayList<>();
    if (writer.compression() != LayerCompression.GZIP && diffId != null) {
      candidates.add(diffId);
    }
    if (blob.digest() != null) {
      candidates.add(blob.digest());
    }
    for (String candidate : candidates) {
      Digest digest = Digest.parse(candidate);
      if (!Files.isRegularFile(writer.blobPath(digest))) {
        continue;
      }
      BlobCompression stored = sniffStored(digest);
      if (wanted(stored)) {
        long size = writer.reuse(digest);
        if (size >= 0) {
          used.add(digest);
          return new BlobInfo(layerType(stored), digest.toString(), size);
        }
      }
    }
    return null;
  }

  private BlobCompression sniffStored(Digest digest) throws IOException {
    try (InputStream in = Files.newInputStream(writer.blobPath(digest))) {
      byte[] head = in.readNBytes(BlobCompression.MAGIC_LENGTH);
      return BlobCompression.sniff(head, head.length);
    }
  }

  private boolean wanted(BlobCompression stored) {
    return switch (writer.compression()) {
      case KEEP -> true;
      case UNCOMPRESSED -> stored == BlobCompression.NONE;
      case GZIP -> stored == BlobCompression.GZIP;
    };
  }

  @Override
  public BlobInfo putLayer(int index, InputStream data, BlobInfo blob, String diffId) throws IOException {
    BufferedInputStream in = new BufferedInputStream(data, 65536);
    BlobCompression form = BlobCompression.sniff(in);
    String what = describe() + ": layer " + index;
    BlobFiles.Written w = writer.store(in, blob.digest(), blob.size(), what);
    used.add(w.digest());
    if (form == BlobCompression.NONE && diffId != null) {
      BlobFiles.check(what, w.digest(), w.size(), diffId, -1);
    }
    return new BlobInfo(layerType(form), w.digest().toString(), w.size());
  }

  private static String layerType(BlobCompression form) {
    return switch (form) {
      case NONE -> MediaTypes.OCI_LAYER;
      case GZIP -> MediaTypes.OCI_LAYER_GZIP;
      case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
      case BZIP2, XZ -> throw JpodException.invalid("OCI layouts cannot store " + form.name().toLowerCase()
          + "-compressed layers");
    };
  }

  /** Stores the manifest after checking that every blob it names is in the layout. */
  @Override
  public void putManifest(RawManifest raw) throws IOException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(raw.bytes());
    } catch (IOException e) {
      throw JpodException.invalid(describe() + ": invalid manifest (" + e.getMessage() + ")");
    }
    String type = raw.mediaType() != null ? raw.mediaType() : root.path("mediaType").asText(null);
    if (!MediaTypes.isImageManifest(type)) {
      throw JpodException.invalid(describe() + ": unsupported manifest type " + type);
    }
    List<JsonNode> blobs = new ArrayList<>();
    blobs.add(root.path("config"));
    root.path("layers").forEach(blobs::add);
    for (JsonNode blob : blobs) {
      String digest = blob.path("digest").asText(null);
      String path = BlobFiles.layoutPath(digest, describe());
      if (!Files.isRegularFile(writer.dir().resolve(path))) {
        throw JpodException.invalid(describe() + ": manifest refers to blob " + digest + ", which was never stored");
      }
    }
    BlobFiles.Written w = writer.store(new ByteArrayInputStream(raw.bytes()), null, -1, describe() + ": manifest");
    used.add(w.digest());
    manifest = new RawManifest(raw.bytes(), type);
    manifestDigest = w.digest();
  }

  @Override
  public void commit() throws IOException {
    if (manifest == null) {
      throw new IllegalStateException(describe() + ": commit before putManifest");
    }
    writer.commit(manifest.mediaType(), manifestDigest, manifest.bytes().length, refName, used);
    committed = true;
  }

  @Override
  public void close() {
    if (!committed) {
      writer.release(used);
      used.clear();
    }
  }
}
