package io.jpod.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The overlay driver's layers: {@code overlay/<id>/{diff,link,lower,work,merged}}, the short
 * {@code overlay/l/<link>} symlinks, {@code overlay-layers/layers.json} and, for layers made from a tar,
 * {@code overlay-layers/<id>.tar-split.gz} (see {@link TarSplit}); layers being extracted live in
 * {@code overlay/staging/<random>/} until they are committed.
 */
public final class LayerStore {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final System.Logger LOG = System.getLogger(LayerStore.class.getName());
  private static final String STAGING = "staging";
  private static final String OWNER = "owner";
  private static final String TAR_SPLIT = "tar-split.gz";
  private static final Duration STALE_AFTER = Duration.ofHours(1);

  private final Path overlay;
  private final Path layersDir;
  private final JsonFile<LayerRecord> records;
  private final SecureRandom random;

  LayerStore(Path graphRoot, ObjectMapper mapper, SecureRandom random) {
    this.overlay = graphRoot.resolve("overlay");
    this.layersDir = graphRoot.resolve("overlay-layers");
    this.records = new JsonFile<>(layersDir.resolve("layers.json"), layersDir.resolve("layers.lock"), mapper,
        LayerRecord.class);
    this.random = random;
  }

  /** {@code <graphroot>/overlay}. */
  public Path overlayDir() {
    return overlay;
  }

  public Path layerDir(String id) {
    return overlay.resolve(id);
  }

  public Path diffDir(String id) {
    return layerDir(id).resolve("diff");
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
    Path staging = overlay.resolve(STAGING);
    sweepStaleStaging(staging);
    Path dir = staging.resolve(randomHex());
    Files.createDirectories(dir.resolve("diff"));
    try {
      ProcessHandle self = ProcessHandle.current();
      Files.writeString(dir.resolve(OWNER), self.pid() + " " + startMillis(self).orElse(0L) + "\n");
      LayerExtractor.Result r;
      try (TarSplit.Writer split = new TarSplit.Writer(dir)) {
        r = LayerExtractor.extract(blob, dir.resolve("diff"), split);
        split.finish(dir.resolve(TAR_SPLIT), r.diffDigest(), r.diffSize());
      }
      return new StagedLayer(dir, r.diffDigest(), r.diffSize(), r.compressedDigest(), r.compressedSize(),
          r.uids(), r.gids(), r.compression(), r.skipped());
    } catch (IOException | RuntimeException e) {
      deleteQuietly(dir, e);
      throw e;
    }
  }

  /**
   * Registers a staged layer on top of {@code parent} (null for a base layer): under the layers lock it
   * computes the id, moves the staging directory and tar-split into place and writes link and lower.
   * If the layer exists already, the staging directory is dropped and the existing layer returned.
   */
  public LayerRecord commitStaged(StagedLayer s, String parent) {
    String diffHex = s.diffDigest().hex();
    String id = parent == null ? diffHex
        : Digest.of((parent + "+" + diffHex).getBytes(StandardCharsets.UTF_8)).hex();
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
        String lower = parent == null ? null : lowerFor(parent);
        Path dir = layerDir(id);
        // A directory without a record is what a crash between move and registration leaves.
        FileTrees.deleteRecursively(dir);
        Files.createDirectories(layersDir);
        Files.move(s.dir().resolve(TAR_SPLIT), tarSplitPath(id), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(s.dir().resolve(OWNER));
        Files.move(s.dir(), dir, StandardCopyOption.ATOMIC_MOVE);
        if (parent == null) {
          Files.createDirectories(dir.resolve("empty"));
        } else {
          Files.writeString(dir.resolve("lower"), lower);
        }
        makeLink(id);
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
      DiffWriter.write(diffDir(layerId), out);
      return;
    }
    Digest expected = r.diffDigest() == null ? null : Digest.parse(r.diffDigest());
    TarSplit.reassemble(split, diffDir(layerId), out, expected, "layer " + layerId);
  }

  /** {@code overlay-layers/<id>.tar-split.gz}. */
  Path tarSplitPath(String layerId) {
    return layersDir.resolve(layerId + ".tar-split.gz");
  }

  /**
   * Removes staging directories whose creator is gone: its pid is dead or now names another process, or
   * (for directories without an owner file) it is older than an hour.
   */
  private void sweepStaleStaging(Path staging) {
    List<Path> dirs;
    try (var s = Files.list(staging)) {
      dirs = s.toList();
    } catch (IOException e) {
      return; // no staging directory yet
    }
    for (Path d : dirs) {
      try {
        if (isStale(d)) {
          FileTrees.deleteRecursively(d);
        }
      } catch (IOException | RuntimeException e) {
        // Another process may be sweeping the same directory; the next stage tries again.
        LOG.log(System.Logger.Level.DEBUG, "sweeping " + d + ": " + e);
      }
    }
  }

  private static boolean isStale(Path dir) throws IOException {
    Path owner = dir.resolve(OWNER);
    if (Files.exists(owner)) {
      String[] f = Files.readString(owner).trim().split(" ");
      try {
        long pid = Long.parseLong(f[0]);
        long start = f.length > 1 ? Long.parseLong(f[1]) : 0;
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isEmpty() || !h.get().isAlive() || (start != 0 && startMillis(h.get()).orElse(start) != start);
      } catch (NumberFormatException e) {
        return true;
      }
    }
    // Written by an older jpod or before the owner file existed: judge by age.
    return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(STALE_AFTER));
  }

  private static Optional<Long> startMillis(ProcessHandle h) {
    return h.info().startInstant().map(Instant::toEpochMilli);
  }

  private static void deleteQuietly(Path dir, Exception cause) {
    try {
      FileTrees.deleteRecursively(dir);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Writes the layer's {@code diff/} directory as an OCI layer tar in a deterministic order, overlay
   * whiteouts turned back into {@code .wh.} entries (what commit and push of a container layer need).
   */
  public void writeDiff(String layerId, OutputStream out) throws IOException {
    requireKnown(layerId);
    DiffWriter.write(diffDir(layerId), out);
  }

  /**
   * What {@code podman diff} lists for a layer: its diff dir against the layers below it (for a
   * container layer its upper dir against the image; for an image's top layer, against its parent).
   */
  public List<Change> changes(String layerId) {
    List<String> chain = chain(layerId);
    List<Path> lowers = new ArrayList<>();
    for (int i = chain.size() - 2; i >= 0; i--) {
      lowers.add(diffDir(chain.get(i)));
    }
    try {
      return LayerChanges.compute(diffDir(layerId), lowers);
    } catch (IOException e) {
      throw JpodException.system("computing changes of layer " + layerId + ": " + e.getMessage(), e);
    }
  }

  private LayerRecord requireKnown(String id) {
    return get(id).orElseThrow(() -> JpodException.notFound("layer " + id + ": layer not known"));
  }

  /** Creates an empty writable layer (diff, work, merged) on top of {@code parent}. */
  public LayerRecord createWritable(String parent, String name) throws IOException {
    String id = randomHex();
    String lower = parent == null ? null : lowerFor(parent);
    Path dir = layerDir(id);
    Files.createDirectories(dir.resolve("diff"));
    Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(dir.resolve("merged"));
    if (lower != null) {
      Files.writeString(dir.resolve("lower"), lower);
    }
    makeLink(id);
    LayerRecord record = new LayerRecord(id, name == null ? null : List.of(name), parent, Instant.now(),
        null, null, null, null, null, null);
    records.update(list -> list.add(record));
    return record;
  }

  /**
   * The absolute {@code overlay/l/<link>} paths of the lower layers of {@code id}, nearest first (what
   * {@code lowerdir=} wants); the short links keep the mount data under a page.
   */
  public List<Path> lowerDirs(String id) throws IOException {
    Path lowerFile = layerDir(id).resolve("lower");
    if (!Files.exists(lowerFile)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    for (String l : Files.readString(lowerFile).trim().split(":")) {
      if (!l.isEmpty()) {
        out.add(overlay.resolve(l));
      }
    }
    return out;
  }

  /** Removes the record, the short link and the directory of a layer; an unknown id is fine. */
  public void delete(String id) throws IOException {
    records.update(list -> list.removeIf(l -> l.id().equals(id)));
    Path linkFile = layerDir(id).resolve("link");
    if (Files.exists(linkFile)) {
      String link = Files.readString(linkFile).trim();
      if (!link.isEmpty() && !link.contains("/")) {
        Files.deleteIfExists(overlay.resolve("l").resolve(link));
      }
    }
    FileTrees.deleteRecursively(layerDir(id));
    Files.deleteIfExists(tarSplitPath(id));
  }

  /** The {@code lower} content for a child of {@code parent}: the parent's link, then its lowers. */
  private String lowerFor(String parent) throws IOException {
    StringBuilder sb = new StringBuilder("l/").append(link(parent));
    Path parentLower = layerDir(parent).resolve("lower");
    if (Files.exists(parentLower)) {
      sb.append(':').append(Files.readString(parentLower).trim());
    }
    return sb.toString();
  }

  private String link(String id) throws IOException {
    Path f = layerDir(id).resolve("link");
    if (!Files.exists(f)) {
      throw JpodException.notFound("layer " + id + ": layer not known");
    }
    return Files.readString(f).trim();
  }

  private void makeLink(String id) throws IOException {
    char[] c = new char[26];
    for (int i = 0; i < c.length; i++) {
      c[i] = BASE32.charAt(random.nextInt(BASE32.length()));
    }
    String link = new String(c);
    Path l = overlay.resolve("l");
    Files.createDirectories(l);
    Files.createSymbolicLink(l.resolve(link), Path.of("..", id, "diff"));
    Files.writeString(layerDir(id).resolve("link"), link);
  }

  String randomHex() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
