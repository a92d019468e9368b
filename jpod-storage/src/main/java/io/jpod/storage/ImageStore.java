package io.jpod.storage;

import io.jpod.common.Json;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Images in {@code <driver>-images/}: records in images.json, config and manifest as big-data files. */
public final class ImageStore {
  private final Path dir;
  private final JsonFile<ImageRecord> records;
  private final LayerStore layers;
  private final ContainerStore containers;
  private final io.avaje.jsonb.JsonType<ImageConfig> configType;
  private final io.avaje.jsonb.JsonType<Manifest> manifestType;

  ImageStore(Path graphRoot, StorageJson json, LayerStore layers, ContainerStore containers) {
    this.dir = graphRoot.resolve(layers.driverName() + "-images");
    this.records = new JsonFile<>(dir.resolve("images.json"), dir.resolve("images.lock"), json,
        ImageRecord.class);
    this.layers = layers;
    this.containers = containers;
    this.configType = json.of(ImageConfig.class);
    this.manifestType = json.of(Manifest.class);
  }

  /** {@code <graphroot>/<driver>-images}: images.json and a directory of big data per image. */
  public Path dir() {
    return dir;
  }

  /** {@code podman import}: the tarball becomes a one-layer image, named {@code name} if given. */
  public Image importRootfs(InputStream tarStream, Optional<String> name, ImportOptions opts) {
    String normalized = name.map(ImageNames::normalize).orElse(null);
    try {
      ImageImporter.Imported imp = new ImageImporter(Json.mapper(), layers).importRootfs(tarStream, opts);
      return addImage(imp.config(), imp.manifest(), imp.topLayer(),
          normalized == null ? List.of() : List.of(normalized));
    } catch (IOException e) {
      throw JpodException.system("importing image: " + e.getMessage(), e);
    }
  }

  /**
   * Registers an image whose layers are already stored (import now; pull and load later): stores the
   * config and manifest as big data and moves {@code names} to it from any other image.
   */
  public Image addImage(byte[] configJson, byte[] manifestJson, String topLayer, List<String> names)
      throws IOException {
    return addImage(configJson, manifestJson, topLayer, names, List.of());
  }

  /**
   * As {@link #addImage(byte[], byte[], String, List)}; {@code extraDigests} are further digests the
   * image is known by (the manifest list a pull resolved, {@code sha256:…}). An image stored again (same
   * config) keeps its earlier names, digests and big data and gains the new ones.
   */
  public Image addImage(byte[] configJson, byte[] manifestJson, String topLayer, List<String> names,
      List<String> extraDigests) throws IOException {
    String id = Digest.of(configJson).hex();
    Digest manifestDigest = Digest.of(manifestJson);
    extraDigests.forEach(Digest::parse); // refuses anything but sha256:<hex>
    ImageConfig config = Json.mapper().readValue(configJson, ImageConfig.class);
    Map<String, byte[]> big = new LinkedHashMap<>();
    big.put(BigData.configKey(id), configJson);
    big.put(BigData.MANIFEST, manifestJson);
    big.put(BigData.manifestKey(manifestDigest), manifestJson);
    Map<String, Long> sizes = new LinkedHashMap<>();
    Map<String, String> digests = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : big.entrySet()) {
      AtomicFiles.write(dir.resolve(id).resolve(BigData.fileName(e.getKey())), e.getValue());
      sizes.put(e.getKey(), (long) e.getValue().length);
      digests.put(e.getKey(), Digest.of(e.getValue()).toString());
    }
    Instant created = config.created() != null ? config.created() : Instant.now();
    records.update(list -> {
      for (int i = 0; i < list.size(); i++) {
        ImageRecord r = list.get(i);
        if (!r.id().equals(id) && r.nameList().stream().anyMatch(names::contains)) {
          List<String> kept = new ArrayList<>(r.nameList());
          kept.removeAll(names);
          list.set(i, r.withNames(kept));
        }
      }
      Optional<ImageRecord> existing = list.stream().filter(r -> r.id().equals(id)).findFirst();
      List<String> all = new ArrayList<>(existing.map(ImageRecord::nameList).orElse(List.of()));
      names.stream().filter(n -> !all.contains(n)).forEach(all::add);
      List<String> allDigests = new ArrayList<>(List.of(manifestDigest.toString()));
      existing.map(ImageRecord::digestList).orElse(List.of()).forEach(allDigests::add);
      allDigests.addAll(extraDigests);
      List<String> bigNames = new ArrayList<>(big.keySet());
      Map<String, Long> allSizes = new LinkedHashMap<>(sizes);
      Map<String, String> allBigDigests = new LinkedHashMap<>(digests);
      existing.ifPresent(r -> {
        // Big data of an earlier store (another manifest of the same image) stays on disk: keep it listed.
        for (String key : r.bigDataNames() == null ? List.<String>of() : r.bigDataNames()) {
          if (!bigNames.contains(key)) {
            bigNames.add(key);
            if (r.bigDataSizes() != null && r.bigDataSizes().containsKey(key)) {
              allSizes.put(key, r.bigDataSizes().get(key));
            }
            if (r.bigDataDigests() != null && r.bigDataDigests().containsKey(key)) {
              allBigDigests.put(key, r.bigDataDigests().get(key));
            }
          }
        }
      });
      ImageRecord record = new ImageRecord(id, manifestDigest.toString(),
          allDigests.stream().distinct().toList(), null, topLayer,
          List.copyOf(bigNames), allSizes, allBigDigests, null, created,
          existing.map(ImageRecord::namesHistory).orElse(null)).withNames(all);
      list.removeIf(r -> r.id().equals(id));
      list.add(record);
      return null;
    });
    return lookup(id);
  }

  /**
   * Finds an image by full id, {@code sha256:<id>}, name, short name ({@code busybox} →
   * {@code localhost/busybox:latest}) or unique id prefix.
   */
  public Image lookup(String nameOrId) {
    List<ImageRecord> all = records.read();
    String ref = nameOrId;
    if (ref.startsWith("sha256:")) {
      ref = ref.substring("sha256:".length());
    }
    for (ImageRecord r : all) {
      if (r.id().equals(ref)) {
        return toImage(r);
      }
    }
    for (String candidate : ImageNames.candidates(nameOrId)) {
      for (ImageRecord r : all) {
        if (r.nameList().contains(candidate)) {
          return toImage(r);
        }
      }
    }
    if (ref.matches("[0-9a-f]+")) {
      String prefix = ref;
      List<ImageRecord> hits = all.stream().filter(r -> r.id().startsWith(prefix)).toList();
      if (hits.size() == 1) {
        return toImage(hits.getFirst());
      }
      if (hits.size() > 1) {
        throw JpodException.invalid(nameOrId + ": ambiguous image id prefix");
      }
    }
    throw JpodException.notFound(nameOrId + ": image not known");
  }

  /** All images, in creation order. */
  public List<Image> list() {
    Map<String, LayerRecord> byId = new LinkedHashMap<>();
    layers.list().forEach(l -> byId.put(l.id(), l));
    return records.read().stream().map(r -> toImage(r, byId)).toList();
  }

  /** The OCI config of an image. */
  public ImageConfig config(String imageId) {
    try {
      return configType.fromJson(bigData(imageId, BigData.configKey(imageId)));
    } catch (io.avaje.json.JsonException e) {
      throw JpodException.system("reading config of image " + imageId + ": " + e.getMessage(), e);
    }
  }

  /** The manifest of an image. */
  public Manifest manifest(String imageId) {
    try {
      return manifestType.fromJson(bigData(imageId, BigData.MANIFEST));
    } catch (io.avaje.json.JsonException e) {
      throw JpodException.system("reading manifest of image " + imageId + ": " + e.getMessage(), e);
    }
  }

  /** The raw bytes of one big-data item. */
  public byte[] bigData(String imageId, String key) {
    try {
      return Files.readAllBytes(dir.resolve(imageId).resolve(BigData.fileName(key)));
    } catch (NoSuchFileException e) {
      throw JpodException.notFound(imageId + ": image not known");
    } catch (IOException e) {
      throw JpodException.system("reading " + key + " of image " + imageId + ": " + e.getMessage(), e);
    }
  }

  /** Adds a name to an image, taking it away from any other image. */
  public void tag(String id, String name) {
    String full = lookup(id).id();
    String n = ImageNames.normalize(name);
    records.update(list -> {
      for (int i = 0; i < list.size(); i++) {
        ImageRecord r = list.get(i);
        List<String> names = new ArrayList<>(r.nameList());
        names.remove(n);
        if (r.id().equals(full)) {
          names.add(n);
        }
        list.set(i, r.withNames(names));
      }
      return null;
    });
  }

  /** Removes a name from an image. */
  public void untag(String id, String name) {
    String full = lookup(id).id();
    String n = ImageNames.normalize(name);
    boolean removed = records.update(list -> {
      for (int i = 0; i < list.size(); i++) {
        ImageRecord r = list.get(i);
        if (r.id().equals(full) && r.nameList().contains(n)) {
          List<String> names = new ArrayList<>(r.nameList());
          names.remove(n);
          list.set(i, r.withNamesSet(names));
          return true;
        }
      }
      return false;
    });
    if (!removed) {
      throw JpodException.notFound(name + ": tag not known");
    }
  }

  /** Removes an image unless a container uses it. */
  public void remove(String id) {
    remove(id, false);
  }

  /**
   * Removes an image and the layers no other image or container needs; with {@code force} even when
   * containers use it (their layers keep the image's layers alive).
   */
  public void remove(String id, boolean force) {
    Image image = lookup(id);
    List<String> users = containers.containersUsingImage(image.id());
    if (!users.isEmpty() && !force) {
      throw new JpodException(ErrorKind.CONFLICT, "image used by " + users.getFirst()
          + ": image is in use by a container");
    }
    List<ImageRecord> remaining = records.update(list -> {
      list.removeIf(r -> r.id().equals(image.id()));
      return List.copyOf(list);
    });
    try {
      FileTrees.deleteRecursively(dir.resolve(image.id()));
      if (image.topLayer() == null) {
        return;
      }
      List<String> chain = layers.chain(image.topLayer());
      Set<String> keep = new HashSet<>();
      for (ImageRecord r : remaining) {
        if (r.layer() != null) {
          keep.addAll(layers.chain(r.layer()));
        }
      }
      for (LayerRecord l : layers.list()) {
        if (l.parent() != null && !chain.contains(l.id())) {
          keep.addAll(layers.chain(l.parent()));
        }
      }
      for (String layer : chain.reversed()) {
        if (!keep.contains(layer)) {
          layers.delete(layer);
        }
      }
    } catch (IOException e) {
      throw JpodException.system("removing image " + image.id() + ": " + e.getMessage(), e);
    }
  }

  /** The image's layer ids, bottom first. */
  public List<String> layerChain(String imageId) {
    Image image = lookup(imageId);
    return image.topLayer() == null ? List.of() : layers.chain(image.topLayer());
  }

  private Image toImage(ImageRecord r) {
    Map<String, LayerRecord> byId = new LinkedHashMap<>();
    layers.list().forEach(l -> byId.put(l.id(), l));
    return toImage(r, byId);
  }

  private static Image toImage(ImageRecord r, Map<String, LayerRecord> layersById) {
    long size = 0;
    for (String id = r.layer(); id != null && layersById.containsKey(id); ) {
      LayerRecord l = layersById.get(id);
      size += l.diffSize() == null ? 0 : l.diffSize();
      id = l.parent();
    }
    return new Image(r.id(), r.nameList(), r.layer(), r.digest(), r.created(), size, r.digestList(), r.history());
  }
}
