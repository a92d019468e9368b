package io.jpod.image.archive;

import io.jpod.image.transport.MediaTypes;

import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * One image of an OCI layout. An entry that is an index (a multi-platform image) is resolved to the
 * manifest for the platform asked for; every manifest and index read is checked against its digest,
 * and blobs are checked as they are read.
 */
final class OciLayoutSource implements ImageSource {
  /** Indexes may nest; a deeper chain is a loop or an attack. */
  private static final int MAX_DEPTH = 8;

  private record Resolved(RawManifest manifest, String indexDigest) {}

  private final FileTree tree;
  private final String transport;
  private final OciDescriptor entry;
  private final Platform platform;
  private Resolved resolved;

  OciLayoutSource(FileTree tree, String transport, OciDescriptor entry, Platform platform) {
    this.tree = tree;
    this.transport = transport;
    this.entry = entry;
    this.platform = platform;
  }

  @Override
  public String describe() {
    return transport + ":" + tree.describe() + (entry.refName() == null ? "" : ":" + entry.refName());
  }

  @Override
  public List<String> names() {
    return entry.names();
  }

  @Override
  public RawManifest manifest() throws IOException {
    return resolved().manifest();
  }

  @Override
  public String indexDigest() {
    try {
      return resolved().indexDigest();
    } catch (IOException e) {
      throw JpodException.system(describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream openBlob(BlobInfo blob) throws IOException {
    String path = BlobFiles.layoutPath(blob.digest(), describe());
    if (tree.sizeOf(path) < 0) {
      throw JpodException.invalid(tree.describe() + ": blob " + blob.digest() + " is missing (" + path + ")");
    }
    // Unverified here: an ImageSource's caller (the copier) checks every blob against its digest.
    return tree.open(path);
  }

  private synchronized Resolved resolved() throws IOException {
    if (resolved == null) {
      resolved = resolve();
    }
    return resolved;
  }

  private Resolved resolve() throws IOException {
    OciDescriptor current = entry;
    String indexDigest = null;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      byte[] bytes = readVerified(current);
      String type = current.mediaType() != null ? current.mediaType() : typeOf(bytes, current);
      if (MediaTypes.isImageManifest(type)) {
        return new Resolved(new RawManifest(bytes, type), indexDigest);
      }
      if (!MediaTypes.isIndex(type)) {
        throw JpodException.invalid(tree.describe() + ": " + current.digest() + " has unsupported media type "
            + type);
      }
      if (indexDigest == null) {
        indexDigest = current.digest();
      }
      current = choose(parseIndex(bytes, current), current);
    }
    throw JpodException.invalid(tree.describe() + ": image indexes nested deeper than " + MAX_DEPTH);
  }

  private byte[] readVerified(OciDescriptor d) throws IOException {
    String path = BlobFiles.layoutPath(d.digest(), tree.describe());
    byte[] bytes = tree.read(path, "manifest", OciLayoutReader.MAX_JSON);
    BlobFiles.check(tree.describe() + ": manifest \"" + path + "\"", Digest.of(bytes), bytes.length, d.digest(),
        d.size() > 0 ? d.size() : -1);
    return bytes;
  }

  /** A descriptor without a media type: the manifest's own {@code mediaType} field tells. */
  private String typeOf(byte[] bytes, OciDescriptor d) {
    try {
      String type = Json.mapper().readTree(bytes).path("mediaType").asText(null);
      if (type == null) {
        throw JpodException.invalid(tree.describe() + ": " + d.digest() + " has no media type");
      }
      return type;
    } catch (IOException e) {
      throw JpodException.invalid(tree.describe() + ": " + d.digest() + " is not valid JSON");
    }
  }

  private OciDescriptor.Index parseIndex(byte[] bytes, OciDescriptor d) {
    try {
      return Json.mapper().readValue(bytes, OciDescriptor.Index.class);
    } catch (IOException e) {
      throw JpodException.invalid(tree.describe() + ": invalid image index " + d.digest() + " ("
          + e.getMessage() + ")");
    }
  }

  /**
   * The index entry for {@link #platform}: the first that matches; an index of one entry without
   * a platform is taken as is.
   */
  private OciDescriptor choose(OciDescriptor.Index index, OciDescriptor of) {
    for (OciDescriptor d : index.manifests()) {
      if (platform.accepts(d.platform())) {
        return d;
      }
    }
    if (index.manifests().size() == 1 && index.manifests().getFirst().platform() == null) {
      return index.manifests().getFirst();
    }
    List<String> have = index.manifests().stream()
        .map(d -> d.platform() == null ? "unknown" : d.platform().toString()).distinct().toList();
    throw JpodException.invalid(describe() + ": no image for " + platform + " in index " + of.digest()
        + " (it has: " + (have.isEmpty() ? "nothing" : String.join(", ", have)) + ")");
  }
}
