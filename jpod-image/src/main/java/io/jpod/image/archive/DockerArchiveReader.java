package io.jpod.image.archive;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.ImageSource;
import io.jpod.storage.ImageNames;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a docker-archive ({@code docker save}, {@code podman save}): {@code manifest.json} lists the
 * images, each becoming one {@link ImageSource}. Layers are read straight out of the indexed tar (see
 * {@link ArchiveFile}); sources stay valid until this reader is closed.
 */
public final class DockerArchiveReader implements Closeable {
  private static final int MAX_JSON = 32 << 20;

  private final ArchiveFile archive;
  private final boolean ownsArchive;
  private final List<DockerManifestItem> items;

  private DockerArchiveReader(ArchiveFile archive, boolean ownsArchive, List<DockerManifestItem> items) {
    this.archive = archive;
    this.ownsArchive = ownsArchive;
    this.items = items;
  }

  /** Opens the archive file {@code file} (compressed ones are decompressed into {@code tmpDir}). */
  public static DockerArchiveReader open(Path file, Path tmpDir) throws IOException {
    ArchiveFile archive = ArchiveFile.open(file, tmpDir);
    try {
      return open(archive, true);
    } catch (IOException | RuntimeException e) {
      archive.close();
      throw e;
    }
  }

  /**
   * The one image {@code spec} selects in the archive file {@code file}, as a source that closes the
   * archive when closed ({@code docker-archive:FILE[:SPEC]}); see {@link #select}.
   */
  public static ImageSource openSource(Path file, String spec, Path tmpDir) throws IOException {
    DockerArchiveReader reader = open(file, tmpDir);
    try {
      return new OwningSource(reader.select(spec), reader);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** Reads {@code archive}, which the caller keeps and closes after this reader. */
  public static DockerArchiveReader open(ArchiveFile archive) throws IOException {
    return open(archive, false);
  }

  private static DockerArchiveReader open(ArchiveFile archive, boolean owns) throws IOException {
    TarIndex tar = archive.tree();
    if (tar.sizeOf("manifest.json") < 0) {
      throw JpodException.invalid(archive.describe() + " is not a docker-archive: manifest.json is missing");
    }
    List<DockerManifestItem> items;
    try {
      items = Json.mapper().readValue(tar.read("manifest.json", "manifest", MAX_JSON),
          new TypeReference<List<DockerManifestItem>>() {});
    } catch (IOException e) {
      throw JpodException.invalid(archive.describe() + ": invalid manifest.json (" + e.getMessage() + ")");
    }
    if (items == null || items.isEmpty()) {
      throw JpodException.invalid(archive.describe() + ": manifest.json lists no images");
    }
    return new DockerArchiveReader(archive, owns, withLegacyNames(tar, items));
  }

  /**
   * Items without RepoTags take their names from the legacy {@code repositories} file, which maps
   * repository → tag → the v1 id of the image's top layer (the directory of its last layer path).
   */
  private static List<DockerManifestItem> withLegacyNames(TarIndex tar, List<DockerManifestItem> items)
      throws IOException {
    if (items.stream().allMatch(i -> !i.repoTags().isEmpty()) || tar.sizeOf("repositories") < 0) {
      return items;
    }
    Map<String, Map<String, String>> repositories;
    try {
      repositories = Json.mapper().readValue(tar.read("repositories", "repositories file", MAX_JSON),
          new TypeReference<Map<String, Map<String, String>>>() {});
    } catch (IOException e) {
      return items; // a broken legacy file must not make a readable archive unreadable
    }
    List<DockerManifestItem> out = new ArrayList<>();
    for (DockerManifestItem item : items) {
      if (!item.repoTags().isEmpty() || item.layers().isEmpty()) {
        out.add(item);
        continue;
      }
      String top = ArchivePaths.normalize(item.layers().getLast());
      String topId = top != null && top.contains("/") ? top.substring(0, top.lastIndexOf('/')) : null;
      List<String> names = new ArrayList<>();
      repositories.forEach((repo, tags) -> tags.forEach((tag, id) -> {
        if (id.equals(topId)) {
          names.add(repo + ":" + tag);
        }
      }));
      out.add(new DockerManifestItem(item.config(), names, item.layers()));
    }
    return out;
  }

  /** The images of the archive, in {@code manifest.json} order. */
  public List<DockerManifestItem> items() {
    return items;
  }

  /** One source per image, in {@code manifest.json} order. */
  public List<ImageSource> sources() {
    List<ImageSource> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      out.add(source(i));
    }
    return out;
  }

  /**
   * The image a transport reference names after the file: {@code @N} for the N-th image, a name
   * from RepoTags, or null for the only image.
   */
  public ImageSource select(String spec) {
    if (spec != null && spec.matches("@\\d{1,9}")) {
      return source(Integer.parseInt(spec.substring(1)));
    }
    return source(spec);
  }

  /** The image at {@code index} ({@code docker-archive:FILE:@index}). */
  public ImageSource source(int index) {
    if (index < 0 || index >= items.size()) {
      throw JpodException.notFound(archive.describe() + ": no image @" + index + " (the archive holds "
          + items.size() + ")");
    }
    return new DockerArchiveSource(archive.tree(), items.get(index), index);
  }

  /**
   * The image named {@code name} in its RepoTags ({@code docker-archive:FILE:name}), or with a null
   * name the only image of the archive. Names match literally or after normalization
   * ({@code busybox} = {@code localhost/busybox:latest}).
   */
  public ImageSource source(String name) {
    if (name == null) {
      if (items.size() != 1) {
        throw JpodException.invalid(archive.describe() + " holds " + items.size()
            + " images; choose one by name or @index (names: " + allNames() + ")");
      }
      return source(0);
    }
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).repoTags().stream().anyMatch(t -> sameName(t, name))) {
        found.add(i);
      }
    }
    if (found.isEmpty()) {
      throw JpodException.notFound(archive.describe() + ": no image named \"" + name + "\" (names: "
          + allNames() + ")");
    }
    if (found.size() > 1) {
      throw JpodException.invalid(archive.describe() + ": " + found.size() + " images are named \"" + name
          + "\"; choose one by @index");
    }
    return source(found.getFirst());
  }

  private String allNames() {
    List<String> names = items.stream().flatMap(i -> i.repoTags().stream()).toList();
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static boolean sameName(String repoTag, String wanted) {
    if (repoTag.equals(wanted)) {
      return true;
    }
    try {
      return ImageNames.normalize(repoTag).equals(ImageNames.normalize(wanted));
    } catch (JpodException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException {
    if (ownsArchive) {
      archive.close();
    }
  }
}
