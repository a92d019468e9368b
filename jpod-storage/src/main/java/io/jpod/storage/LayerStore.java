package io.jpod.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The overlay driver's layers: {@code overlay/<id>/{diff,link,lower,work,merged}}, the short
 * {@code overlay/l/<link>} symlinks and {@code overlay-layers/layers.json}.
 */
public final class LayerStore {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final Path overlay;
  private final JsonFile<LayerRecord> records;
  private final SecureRandom random;

  LayerStore(Path graphRoot, ObjectMapper mapper, SecureRandom random) {
    this.overlay = graphRoot.resolve("overlay");
    Path dir = graphRoot.resolve("overlay-layers");
    this.records = new JsonFile<>(dir.resolve("layers.json"), dir.resolve("layers.lock"), mapper,
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
    Path staging = overlay.resolve("staging").resolve(randomHex());
    Files.createDirectories(staging.resolve("diff"));
    try {
      LayerExtractor.Result r = LayerExtractor.extract(tar, staging.resolve("diff"));
      String diffHex = r.diffDigest().hex();
      String id = parent == null ? diffHex
          : Digest.of((parent + "+" + diffHex).getBytes(StandardCharsets.UTF_8)).hex();
      String lower = parent == null ? null : lowerFor(parent);
      LayerRecord record = new LayerRecord(id, null, parent, Instant.now(),
          r.compressedDigest().toString(), r.compressedSize(), r.diffDigest().toString(), r.diffSize(),
          r.uids(), r.gids());
      return records.update(list -> {
        Optional<LayerRecord> existing = list.stream().filter(l -> l.id().equals(id)).findFirst();
        if (existing.isPresent()) {
          return existing.get();
        }
        try {
          Files.move(staging, layerDir(id), StandardCopyOption.ATOMIC_MOVE);
          if (parent == null) {
            Files.createDirectories(layerDir(id).resolve("empty"));
          } else {
            Files.writeString(layerDir(id).resolve("lower"), lower);
          }
          makeLink(id);
        } catch (IOException e) {
          throw JpodException.system("creating layer " + id + ": " + e.getMessage(), e);
        }
        list.add(record);
        return record;
      });
    } finally {
      FileTrees.deleteRecursively(staging);
    }
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
