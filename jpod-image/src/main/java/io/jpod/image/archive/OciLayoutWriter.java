package io.jpod.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.LayerCompression;
import io.jpod.storage.AtomicFiles;
import io.jpod.storage.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Writes images into an OCI image layout directory ({@code oci:DIR[:REF]}), creating it if needed.
 * Blobs land atomically (temp file, digest check, rename) as the copier sends them; an image becomes
 * visible when its destination commits, which adds or replaces its {@code index.json} entry the way
 * skopeo does. Blobs created for an image that is never committed are removed again unless another
 * image uses them. Concurrent writers to one directory from different processes are not coordinated.
 */
public final class OciLayoutWriter {
  /** The OCI spec's grammar for ref names (components of alphanumerics joined by {@code -._:@+} or {@code --}). */
  private static final Pattern REF = Pattern.compile(
      "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*");
  /** Byte for byte what containers/image writes. */
  private static final byte[] LAYOUT = "{\"imageLayoutVersion\": \"1.0.0\"}".getBytes(StandardCharsets.US_ASCII);

  private final Path dir;
  private final LayerCompression compression;
  private final String label;
  /** Blobs this writer created, with the number of uncommitted images using them. */
  private final Map<Digest, Integer> pendingUsers = new HashMap<>();
  private final Set<Digest> created = new HashSet<>();
  private final Set<Digest> committed = new HashSet<>();

  /**
   * A writer for the layout {@code dir} that asks for layers in {@code compression} (podman's
   * {@code save --format oci-dir} gzips them; {@code --uncompressed} keeps them plain).
   */
  public OciLayoutWriter(Path dir, LayerCompression compression) {
    this(dir, compression, "oci:" + dir);
  }

  OciLayoutWriter(Path dir, LayerCompression compression, String label) {
    this.dir = dir;
    this.compression = compression;
    this.label = label;
  }

  /** A destination for one image, named {@code refName} in the index (null: no name). */
  public ImageDestination addImage(String refName) {
    if (refName != null && !REF.matcher(refName).matches()) {
      throw JpodException.invalid("invalid OCI reference name \"" + refName + "\"");
    }
    return new OciLayoutDestination(this, refName);
  }

  Path dir() {
    return dir;
  }

  LayerCompression compression() {
    return compression;
  }

  String describe(String refName) {
    return label + (refName == null ? "" : ":" + refName);
  }

  Path blobPath(Digest digest) {
    return dir.resolve("blobs/sha256").resolve(digest.hex());
  }

  /** The size of blob {@code digest} if the layout has it (and marks it used by a pending image), or -1. */
  synchronized long reuse(Digest digest) throws IOException {
    Path path = blobPath(digest);
    if (!Files.isRegularFile(path)) {
      return -1;
    }
    pendingUsers.merge(digest, 1, Integer::sum);
    return Files.size(path);
  }

  /**
   * Stores a blob from {@code in}, checking it against {@code expected} digest and size when known,
   * and marks it used by a pending image.
   */
  BlobFiles.Written store(InputStream in, String expected, long expectedSize, String what) throws IOException {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Path temp = dir.resolve(".jpod-blob-" + UUID.randomUUID());
    try {
      BlobFiles.Written w = BlobFiles.write(in, temp);
      BlobFiles.check(what, w.digest(), w.size(), expected, expectedSize);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      synchronized (this) {
        Path target = blobPath(w.digest());
        if (!Files.exists(target)) {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
          created.add(w.digest());
        }
        pendingUsers.merge(w.digest(), 1, Integer::sum);
        return new BlobFiles.Written(target, w.digest(), w.size());
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** An image was dropped: delete the blobs only it had created and nobody else uses. */
  synchronized void release(Collection<Digest> used) {
    for (Digest d : used) {
      int left = pendingUsers.merge(d, -1, Integer::sum);
      if (left <= 0) {
        pendingUsers.remove(d);
        if (created.contains(d) && !committed.contains(d)) {
          BlobFiles.deleteQuietly(blobPath(d));
          created.remove(d);
        }
      }
    }
  }

  /**
   * Makes an image visible: writes {@code oci-layout} if missing and puts its manifest into
   * {@code index.json} as skopeo 1.9 does. An entry with the same digest and name is replaced; a
   * different image under the same name keeps its entry but loses the name; otherwise it is appended.
   */
  synchronized void commit(String mediaType, Digest manifest, long size, String refName, Collection<Digest> used)
      throws IOException {
    Path layout = dir.resolve("oci-layout");
    if (!Files.exists(layout)) {
      AtomicFiles.write(layout, LAYOUT);
    }
    Path indexFile = dir.resolve("index.json");
    ObjectNode index = readIndex(indexFile);
    ArrayNode manifests = index.withArray("manifests");
    ObjectNode entry = Json.mapper().createObjectNode()
        .put("mediaType", mediaType).put("digest", manifest.toString()).put("size", size);
    if (refName != null) {
      entry.putObject("annotations").put(OciDescriptor.REF_NAME, refName);
    }
    boolean replaced = false;
    for (int i = 0; i < manifests.size() && !replaced; i++) {
      JsonNode old = manifests.get(i);
      if (old.path("digest").asText().equals(manifest.toString()) && sameRef(old, refName)) {
        manifests.set(i, entry);
        replaced = true;
      }
    }
    if (!replaced) {
      if (refName != null) {
        for (JsonNode old : manifests) {
          if (sameRef(old, refName)) {
            dropRefName((ObjectNode) old);
          }
        }
      }
      manifests.add(entry);
    }
    AtomicFiles.write(indexFile, Json.mapper().writeValueAsBytes(index));
    for (Digest d : used) {
      committed.add(d);
      pendingUsers.merge(d, -1, Integer::sum);
    }
  }

  private ObjectNode readIndex(Path indexFile) throws IOException {
    if (!Files.exists(indexFile)) {
      ObjectNode fresh = Json.mapper().createObjectNode().put("schemaVersion", 2);
      fresh.putArray("manifests");
      return fresh;
    }
    try {
      JsonNode node = Json.mapper().readTree(Files.readAllBytes(indexFile));
      if (node instanceof ObjectNode object && (!object.has("manifests") || object.get("manifests").isArray())) {
        return object;
      }
    } catch (IOException e) {
      // reported below
    }
    throw JpodException.invalid(indexFile + ": invalid index.json; refusing to overwrite it");
  }

  private static boolean sameRef(JsonNode entry, String refName) {
    JsonNode name = entry.path("annotations").path(OciDescriptor.REF_NAME);
    return refName == null ? name.isMissingNode() : refName.equals(name.asText(null));
  }

  private static void dropRefName(ObjectNode entry) {
    if (entry.get("annotations") instanceof ObjectNode annotations) {
      annotations.remove(OciDescriptor.REF_NAME);
      Iterator<String> left = annotations.fieldNames();
      if (!left.hasNext()) {
        entry.remove("annotations");
      }
    }
  }
}
