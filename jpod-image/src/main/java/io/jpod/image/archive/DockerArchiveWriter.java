package io.jpod.image.archive;

import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.ImageDestination;
import io.jpod.storage.Digest;
import io.jpod.storage.ImageNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a docker-archive holding one or more images, laid out as podman's {@code save} does:
 * layers {@code <diffid-hex>.tar} (uncompressed), configs {@code <config-hex>.json}, legacy v1
 * directories, then {@code manifest.json} and {@code repositories}; mode 0444, mtime 0. Each image comes
 * through its own {@link ImageDestination} ({@link #addImage}); a layer shared by several images is
 * stored once.
 *
 * <p>Layers are spooled to {@code tmpDir} while the copier sends them (possibly in parallel) and go into
 * the tar when their image is committed: a tar entry needs its size up front, the archive gets podman's
 * deterministic order, and an image that fails half way leaves nothing in the archive.
 * {@link #finish} completes the archive; {@link #close} without it discards it.
 */
public final class DockerArchiveWriter implements FinishableArchive {
  private static final int MODE = 0444;

  private final ArchiveOutput output;
  private final TarSink tar;
  private final Path spoolDir;
  /** Layers already in the tar, by digest, with their sizes. */
  private final Map<Digest, Long> layers = new HashMap<>();
  private final Set<Digest> configs = new HashSet<>();
  private final Set<String> legacyIds = new HashSet<>();
  private final List<DockerManifestItem> items = new ArrayList<>();
  private final Map<Digest, Integer> itemByConfig = new HashMap<>();
  private final TreeMap<String, TreeMap<String, String>> repositories = new TreeMap<>();
  private boolean finished;
  private boolean closed;
  /** Set when writing into the tar failed half way: the archive can then only be discarded. */
  private boolean broken;

  private DockerArchiveWriter(ArchiveOutput output, Path tmpDir) throws IOException {
    this.output = output;
    this.tar = new TarSink(output.stream());
    Files.createDirectories(tmpDir);
    this.spoolDir = Files.createTempDirectory(tmpDir, "jpod-docker-archive-");
  }

  /** Writes the archive to {@code file} (made visible by {@link #finish}); spools layers in {@code tmpDir}. */
  public static DockerArchiveWriter create(Path file, Path tmpDir) throws IOException {
    ArchiveOutput output = ArchiveOutput.toFile(file);
    try {
      return new DockerArchiveWriter(output, tmpDir);
    } catch (IOException | RuntimeException e) {
      output.discard();
      throw e;
    }
  }

  /** Writes the archive to {@code out}, which stays open. */
  public static DockerArchiveWriter create(OutputStream out, Path tmpDir) throws IOException {
    return new DockerArchiveWriter(ArchiveOutput.toStream(out), tmpDir);
  }

  /** A destination for an archive of exactly one image: its commit also finishes the archive. */
  public static ImageDestination singleImage(Path file, List<String> repoTags, Path tmpDir) throws IOException {
    DockerArchiveWriter writer = create(file, tmpDir);
    return new SingleImageDestination(writer.addImage(repoTags), writer);
  }

  /**
   * A destination for the next image, named {@code repoTags} (may be empty: an image saved by id).
   * Names are normalized ({@code busybox} → {@code localhost/busybox:latest}); digests are refused, the
   * format stores only name:tag.
   */
  public synchronized ImageDestination addImage(List<String> repoTags) {
    checkOpen();
    List<String> tags = new ArrayList<>();
    for (String tag : repoTags) {
      String normal = ImageNames.normalize(tag);
      if (normal.contains("@")) {
        throw JpodException.invalid("docker-archive cannot store digest reference \"" + tag + "\"; use name:tag");
      }
      if (!tags.contains(normal)) {
        tags.add(normal);
      }
    }
    return new DockerArchiveDestination(this, List.copyOf(tags));
  }

  String describe() {
    return "docker-archive:" + output.describe();
  }

  Path spoolDir() {
    return spoolDir;
  }

  /** The size of a layer already in the archive, or -1. */
  synchronized long storedLayerSize(Digest digest) {
    Long size = layers.get(digest);
    return size == null ? -1 : size;
  }

  /**
   * Writes one committed image: missing layers (from {@code spooled}), its config, its legacy
   * directories, and records its manifest entry and repositories lines.
   */
  synchronized void addCommitted(List<String> repoTags, byte[] config, List<Digest> layerDigests,
      Map<Digest, BlobFiles.Written> spooled) throws IOException {
    checkOpen();
    // Check everything before the first byte goes out, so a rejected image leaves the archive usable.
    for (Digest layer : layerDigests) {
      if (!layers.containsKey(layer) && !spooled.containsKey(layer)) {
        throw JpodException.invalid(describe() + ": layer " + layer + " was never stored");
      }
    }
    List<LegacyLayers.Layer> legacy = LegacyLayers.of(config, layerDigests, describe() + ": config");
    boolean done = false;
    try {
      write(repoTags, config, layerDigests, spooled, legacy);
      done = true;
    } finally {
      broken |= !done;
    }
  }

  private void write(List<String> repoTags, byte[] config, List<Digest> layerDigests,
      Map<Digest, BlobFiles.Written> spooled, List<LegacyLayers.Layer> legacy) throws IOException {
    for (Digest layer : layerDigests) {
      if (layers.containsKey(layer)) {
        continue;
      }
      BlobFiles.Written file = spooled.get(layer);
      try (InputStream in = Files.newInputStream(file.file())) {
        tar.file(layer.hex() + ".tar", MODE, file.size(), in);
      }
      layers.put(layer, file.size());
    }
    Digest configDigest = Digest.of(config);
    if (configs.add(configDigest)) {
      tar.file(configDigest.hex() + ".json", MODE, config);
    }
    for (LegacyLayers.Layer l : legacy) {
      if (legacyIds.add(l.id())) {
        tar.symlink(l.id() + "/layer.tar", "../" + l.layerHex() + ".tar");
        tar.file(l.id() + "/VERSION", MODE, "1.0".getBytes(StandardCharsets.US_ASCII));
        tar.file(l.id() + "/json", MODE, l.json());
      }
    }
    if (!legacy.isEmpty()) {
      String topId = legacy.getLast().id();
      for (String repoTag : repoTags) {
        int colon = repoTag.lastIndexOf(':');
        repositories.computeIfAbsent(repoTag.substring(0, colon), k -> new TreeMap<>())
            .put(repoTag.substring(colon + 1), topId);
      }
    }
    recordItem(configDigest, layerDigests, repoTags);
  }

  /** One manifest.json entry per config: saving the same image twice only adds names. */
  private void recordItem(Digest configDigest, List<Digest> layerDigests, List<String> repoTags) {
    Integer existing = itemByConfig.get(configDigest);
    if (existing != null) {
      DockerManifestItem item = items.get(existing);
      LinkedHashSet<String> tags = new LinkedHashSet<>(item.repoTags());
      tags.addAll(repoTags);
      items.set(existing, new DockerManifestItem(item.config(), List.copyOf(tags), item.layers()));
      return;
    }
    itemByConfig.put(configDigest, items.size());
    items.add(new DockerManifestItem(configDigest.hex() + ".json", repoTags,
        layerDigests.stream().map(d -> d.hex() + ".tar").toList()));
  }

  /** Writes {@code manifest.json} and {@code repositories} and makes the archive visible. */
  @Override
  public synchronized void finish() throws IOException {
    checkOpen();
    tar.file("manifest.json", MODE, Json.mapper().writeValueAsBytes(items));
    tar.file("repositories", MODE, Json.mapper().writeValueAsBytes(repositories));
    tar.finish();
    output.commit();
    finished = true;
  }

  private void checkOpen() {
    if (finished || closed) {
      throw new IllegalStateException(describe() + " is already " + (finished ? "finished" : "closed"));
    }
    if (broken) {
      throw JpodException.system(describe() + ": an earlier write failed; the archive is incomplete");
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!finished) {
      output.discard();
    }
    try (var files = Files.list(spoolDir)) {
      files.forEach(BlobFiles::deleteQuietly);
    }
    Files.deleteIfExists(spoolDir);
  }
}
