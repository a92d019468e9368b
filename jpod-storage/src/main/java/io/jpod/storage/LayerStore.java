package io.jpod.storage;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Layers: records in {@code <driver>-layers/layers.json}, for layers made from a tar the
 * {@code <driver>-layers/<id>.tar-split.gz} (see {@link TarSplit}), and the files, which the
 * {@link GraphDriver} keeps ({@code overlay/<id>/diff} or {@code vfs/dir/<id>}). Layers being extracted
 * live in {@code <driver>/staging/<random>/} until they are committed.
 */
public final class LayerStore {
  private static final String TAR_SPLIT = "tar-split.gz";

  private final GraphDriver driver;
  private final Path layersDir;
  private final JsonFile<LayerRecord> records;

  LayerStore(Path graphRoot, GraphDriver driver, StorageJson json) {
    this.driver = driver;
    this.layersDir = graphRoot.resolve(driver.name() + "-layers");
    this.records = new JsonFile<>(layersDir.resolve("layers.json"), layersDir.resolve("layers.lock"), json,
        LayerRecord.class);
  }

  GraphDriver driver() {
    return driver;
  }

  /** The storage driver's name: {@code overlay} or {@code vfs}. */
  public String driverName() {
    return driver.name();
  }

  /** {@code <graphroot>/<driver>} (kept under its old name: it was always the overlay dir). */
  public Path overlayDir() {
    return driver.home();
  }

  /** The driver's directory of a layer ({@code overlay/<id>}, {@code vfs/dir/<id>}). */
  public Path layerDir(String id) {
    return driver.layerDir(id);
  }

  /**
   * The layer's files: for overlay its own ({@code overlay/<id>/diff}, a container's upper dir), for vfs
   * its complete tree ({@code vfs/dir/<id>}).
   */
  public Path diffDir(String id) {
    return driver.diffDir(id);
  }

  public List<LayerRecord> list() {
    return records.read();
  }

  public Optional<LayerRecord> get(String id) {
    return list().stream().filter(l -> l.id().equals(id)).findFirst();
  }

  /** Layer ids from the bottom layer up to {@code topId}. */
  public List<String> chain(String topId) {
    List<LayerRecord> all = list();
    List<String> out = new ArrayList<>();
    String id = topId;
    while (id != null) {
      String current = id;
      LayerRecord r = all.stream().filter(l -> l.id().equals(current)).findFirst()
          .orElseThrow(() -> JpodException.notFound("layer " + current + ": layer not known"));
      out.addFirst(r.id());
      id = r.parent();
    }
    return out;
  }

  /**
   * Extracts a layer tar on top of {@code parent} (null for a base layer) and registers it; the id is the
   * DiffID hex for a base layer and sha256(parent + "+" + DiffID hex) above, as containers/image does.
   * An identical existing layer is reused.
   */
  public LayerRecord createFromTar(InputStream tar, String parent) throws IOException {
    StagedLayer staged = stage(tar);
    try {
      return commitStaged(staged, parent);
    } catch (RuntimeException e) {
      discard(staged);
      throw e;
    }
  }

  /**
   * Extracts a layer blob (plain, gzip or zstd tar) into a fresh staging directory, recording its
   * tar-split and digests. Several threads (and processes) may stage at once; each gets its own
   * directory, and a failed extraction leaves nothing behind.
   */
  public StagedLayer stage(InputStream blob) throws IOException {
    return stage(blob, null);
  }

  /**
   * As {@link #stage(InputStream)} for a blob whose digest the caller verifies itself (the copier does,
   * for every blob it moves): the compressed stream is then not hashed twice. If the caller's check
   * fails it must {@link #discard} the staged layer.
   */
  /** containers/storage's mode for a layer's root directory (r-xr-xr-x), which containers inherit. */
  static final java.util.Set<java.nio.file.attribute.PosixFilePermission> LAYER_ROOT_MODE =
      java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x");

  public StagedLayer stage(InputStream blob, Digest verifiedBlobDigest) throws IOException {
    Path dir = driver.staging().create();
    try {
      Files.createDirectories(dir.resolve("diff"));
      LayerExtractor.Result r;
      try (TarSplit.Writer split = new TarSplit.Writer(dir)) {
        r = LayerExtractor.extract(blob, dir.resolve("diff"), split, verifiedBlobDigest);
        split.finish(dir.resolve(TAR_SPLIT), r.diffDigest(), r.diffSize());
      }
      Files.setPosixFilePermissions(dir.resolve("diff"), LAYER_ROOT_MODE);
      return new StagedLayer(dir, r.diffDigest(), r.diffSize(), r.compressedDigest(), r.compressedSize(),
          r.uids(), r.gids(), r.compression(), r.skipped());
    } catch (IOException | RuntimeException e) {
      deleteQuietly(dir, e);
      throw e;
    }
  }

  /**
   * Registers a staged layer on top of {@code parent} (null for a base layer): the driver first does its
   * slow part without the lock (vfs copies the parent's tree and applies the layer to it), then under
   * the layers lock the id is computed, the tar-split and the layer's files move into place. If the
   * layer exists already, the staging directory is dropped and the existing layer returned. On a failure
   * the staged layer stays the caller's to discard (with vfs it cannot be committed elsewhere once the
   * slow part ran).
   */
  public LayerRecord commitStaged(StagedLayer s, String parent) {
    String diffHex = s.diffDigest().hex();
    String id = parent == null ? diffHex
        : Digest.of((parent + "+" + diffHex).getBytes(StandardCharsets.UTF_8)).hex();
    List<LayerRecord> before = list();
    Optional<LayerRecord> known = before.stream().filter(l -> l.id().equals(id)).findFirst();
    if (known.isPresent()) {
      discard(s);
      return known.get();
    }
    if (parent != null && before.stream().noneMatch(l -> l.id().equals(parent))) {
      throw JpodException.notFound("layer " + parent + ": layer not known");
    }
    try {
      driver.prepare(s.dir(), parent);
    } catch (IOException e) {
      throw JpodException.system("creating layer " + id + ": " + e.getMessage(), e);
    }
    return records.update(list -> {
      Optional<LayerRecord> existing = list.stream().filter(l -> l.id().equals(id)).findFirst();
      if (existing.isPresent()) {
        discard(s);
        return existing.get();
      }
      if (parent != null && list.stream().noneMatch(l -> l.id().equals(parent))) {
        throw JpodException.notFound("layer " + parent + ": layer not known");
      }
      try {
        Files.createDirectories(layersDir);
        Files.move(s.dir().resolve(TAR_SPLIT), tarSplitPath(id), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        driver.install(s.dir(), id, parent);
      } catch (IOException e) {
        throw JpodException.system("creating layer " + id + ": " + e.getMessage(), e);
      }
      LayerRecord record = new LayerRecord(id, null, parent, Instant.now(),
          s.compressedDigest().toString(), s.compressedSize(), s.diffDigest().toString(), s.diffSize(),
          s.uids(), s.gids());
      list.add(record);
      return record;
    });
  }

  /** Drops a staged layer that will not be committed; a layer already committed is not touched. */
  public void discard(StagedLayer s) {
    try {
      FileTrees.deleteRecursively(s.dir());
    } catch (IOException e) {
      throw JpodException.system("removing staged layer " + s.dir() + ": " + e.getMessage(), e);
    }
  }

  /** A layer whose blob (as pulled, compressed or not) had this digest ({@code sha256:…}). */
  public Optional<LayerRecord> findByCompressedDigest(String digest) {
    return list().stream().filter(l -> digest.equals(l.compressedDiffDigest())).findFirst();
  }

  /** A layer whose uncompressed tar has this digest (a DiffID, {@code sha256:…}). */
  public Optional<LayerRecord> findByDiffDigest(String digest) {
    return list().stream().filter(l -> digest.equals(l.diffDigest())).findFirst();
  }

  /** Whether the exact tar of the layer can be re-created (it was made from a tar by this jpod). */
  public boolean hasTarSplit(String layerId) {
    return Files.exists(tarSplitPath(layerId));
  }

  /**
   * Writes the layer's uncompressed tar. A layer made from a tar is re-created byte for byte from its
   * tar-split and diff dir, and its sha256 is checked against the layer's diff-digest at the end (throws
   * {@code JpodException.system} on a mismatch, after the bytes were written: callers must discard the
   * output then). A layer without a tar-split (a container layer) is written as {@link #writeDiff} does.
   */
  public void writeLayerTar(String layerId, OutputStream out) throws IOException {
    LayerRecord r = requireKnown(layerId);
    Path split = tarSplitPath(layerId);
    if (!Files.exists(split)) {
      driver.writeDiff(chain(layerId), out);
      return;
    }
    Digest expected = r.diffDigest() == null ? null : Digest.parse(r.diffDigest());
    TarSplit.reassemble(split, diffDir(layerId), out, expected, "layer " + layerId);
  }

  /** {@code <driver>-layers/<id>.tar-split.gz}. */
  Path tarSplitPath(String layerId) {
    return layersDir.resolve(layerId + ".tar-split.gz");
  }

  private static void deleteQuietly(Path dir, Exception cause) {
    try {
      FileTrees.deleteRecursively(dir);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Writes the layer's changes as an OCI layer tar in a deterministic order (what commit and push of a
   * container layer need): overlay writes its {@code diff/} with whiteouts turned back into {@code .wh.}
   * entries, vfs compares the layer's tree with its parent's.
   */
  public void writeDiff(String layerId, OutputStream out) throws IOException {
    requireKnown(layerId);
    driver.writeDiff(chain(layerId), out);
  }

  /**
   * What {@code podman diff} lists for a layer: its files against the layers below it (for a container
   * layer against the image; for an image's top layer, against its parent).
   */
  public List<Change> changes(String layerId) {
    List<String> chain = chain(layerId);
    try {
      return driver.changes(chain);
    } catch (IOException e) {
      throw JpodException.system("computing changes of layer " + layerId + ": " + e.getMessage(), e);
    }
  }

  private LayerRecord requireKnown(String id) {
    return get(id).orElseThrow(() -> JpodException.notFound("layer " + id + ": layer not known"));
  }

  /**
   * Creates a writable (container) layer on top of {@code parent}: for overlay empty diff, work and merged
   * dirs, for vfs a full copy of the parent's tree.
   */
  public LayerRecord createWritable(String parent, String name) throws IOException {
    String id = driver.staging().randomHex();
    if (parent != null && get(parent).isEmpty()) {
      throw JpodException.notFound("layer " + parent + ": layer not known");
    }
    driver.createWritable(id, parent);
    LayerRecord record = new LayerRecord(id, name == null ? null : List.of(name), parent, Instant.now(),
        null, null, null, null, null, null);
    records.update(list -> list.add(record));
    return record;
  }

  /**
   * The absolute {@code overlay/l/<link>} paths of the lower layers of {@code id}, nearest first (what
   * {@code lowerdir=} wants); empty for drivers without lower layers (vfs).
   */
  public List<Path> lowerDirs(String id) throws IOException {
    return driver instanceof OverlayDriver o ? o.lowerDirs(id) : List.of();
  }

  /** Removes the record, the driver's files and the tar-split of a layer; an unknown id is fine. */
  public void delete(String id) throws IOException {
    records.update(list -> list.removeIf(l -> l.id().equals(id)));
    driver.delete(id);
    Files.deleteIfExists(tarSplitPath(id));
  }
}
