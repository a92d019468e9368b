package io.jpod.core.image;

import io.jpod.storage.ContainerRecord;
import io.jpod.storage.Image;
import io.jpod.storage.ImageConfig;
import io.jpod.storage.LayerRecord;
import io.jpod.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One consistent read of the store for an image command: the images (in storage order), the layers,
 * which containers use which image, and the configs read so far. Cheap to make; make a new one after
 * changing the store.
 */
final class ImageCatalog {
  private final Store store;
  private final List<Image> images;
  private final Map<String, LayerRecord> layers = new LinkedHashMap<>();
  private final Map<String, List<String>> containersByImage = new HashMap<>();
  private final Map<String, ImageConfig> configs = new HashMap<>();
  private final LayerTree tree;

  ImageCatalog(Store store) {
    this.store = store;
    this.images = store.images().list();
    List<LayerRecord> all = store.layers().list();
    all.forEach(l -> layers.put(l.id(), l));
    for (ContainerRecord c : store.containers().list()) {
      if (c.image() != null) {
        containersByImage.computeIfAbsent(c.image(), k -> new ArrayList<>()).add(c.id());
      }
    }
    this.tree = new LayerTree(images, all, this::config);
  }

  List<Image> images() {
    return images;
  }

  LayerTree tree() {
    return tree;
  }

  LayerRecord layer(String id) {
    return layers.get(id);
  }

  ImageConfig config(String imageId) {
    return configs.computeIfAbsent(imageId, id -> store.images().config(id));
  }

  /** Ids of the containers (jpod's and any other tool's) whose rootfs is built on the image. */
  List<String> containers(String imageId) {
    return containersByImage.getOrDefault(imageId, List.of());
  }

  /**
   * containers/storage's ImageSize: the uncompressed size of every layer of the image (measured on disk
   * when the layer has no recorded size) plus the image's stored metadata (config, manifests).
   */
  long size(Image img) {
    long total = 0;
    for (String id = img.topLayer(); id != null; ) {
      LayerRecord l = layers.get(id);
      if (l == null) {
        break;
      }
      total += l.diffSize() != null && l.diffDigest() != null ? l.diffSize() : DirectorySize.of(store.layers().diffDir(id));
      id = l.parent();
    }
    return total + metadataSize(img.id());
  }

  /** The bytes of the image's big-data items (config, manifests), the files of its store directory. */
  private long metadataSize(String imageId) {
    Path dir = store.images().dir().resolve(imageId);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  ImageSummary summary(Image img) {
    ImageConfig cfg = configOrNull(img.id());
    var labels = cfg == null || cfg.config() == null || cfg.config().labels() == null
        || cfg.config().labels().isEmpty() ? null : cfg.config().labels();
    boolean children = tree.hasChildren(img);
    boolean nameless = img.names().isEmpty();
    return new ImageSummary(img.id(), img.names(), namesHistory(img), img.digest(), repoDigests(img),
        img.created(), size(img), labels, containers(img.id()).size(), nameless && !children,
        nameless && children, tree.parent(img).map(Image::id).orElse(""), false, img.topLayer());
  }

  List<ImageSummary> summaries() {
    List<ImageSummary> out = new ArrayList<>();
    for (Image img : images) {
      out.add(summary(img));
    }
    return out;
  }

  ImageConfig configOrNull(String imageId) {
    try {
      return config(imageId);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** libimage's RepoDigests: {@code repository@digest} per name, sorted, without duplicates. */
  static List<String> repoDigests(Image img) {
    TreeSet<String> out = new TreeSet<>();
    if (img.digest() != null && !img.digest().isEmpty()) {
      img.names().forEach(n -> out.add(ImageRefs.withDigest(n, img.digest())));
    }
    return List.copyOf(out);
  }

  /** The names the image has had, most recent first (containers/storage's names-history). */
  static List<String> namesHistory(Image img) {
    return img.namesHistory();
  }
}
