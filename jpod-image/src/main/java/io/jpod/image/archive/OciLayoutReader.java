package io.jpod.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.ImageSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads an OCI image layout: a directory ({@code oci:DIR[:REF]}) or a tar of one
 * ({@code oci-archive:FILE[:REF]}, read in place through the tar index, not unpacked). Every
 * {@code index.json} entry is an image; sources stay valid until this reader is closed.
 */
public final class OciLayoutReader implements Closeable {
  static final int MAX_JSON = 8 << 20;

  private final FileTree tree;
  private final String transport;
  private final Closeable owned;
  private final List<OciDescriptor> entries;

  private OciLayoutReader(FileTree tree, String transport, Closeable owned, List<OciDescriptor> entries) {
    this.tree = tree;
    this.transport = transport;
    this.owned = owned;
    this.entries = entries;
  }

  /** Reads the layout directory {@code dir}. */
  public static OciLayoutReader openDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw JpodException.notFound(dir + ": no such directory");
    }
    return open(new DirectoryTree(dir), "oci", null);
  }

  /** Reads the oci-archive file {@code file} (a compressed one is decompressed into {@code tmpDir}). */
  public static OciLayoutReader openArchive(Path file, Path tmpDir) throws IOException {
    ArchiveFile archive = ArchiveFile.open(file, tmpDir);
    try {
      return open(archive.tree(), "oci-archive", archive);
    } catch (IOException | RuntimeException e) {
      archive.close();
      throw e;
    }
  }

  /**
   * The image {@code refName} (null: the only one) of the layout directory {@code dir}, as a source
   * that needs no reader kept open ({@code oci:DIR[:REF]}).
   */
  public static ImageSource openDirectorySource(Path dir, String refName, Platform platform) throws IOException {
    OciLayoutReader reader = openDirectory(dir);
    return new OwningSource(reader.source(refName, platform), reader);
  }

  /**
   * The image {@code refName} (null: the only one) of the oci-archive {@code file}, as a source that
   * closes the archive when closed ({@code oci-archive:FILE[:REF]}).
   */
  public static ImageSource openArchiveSource(Path file, String refName, Platform platform, Path tmpDir)
      throws IOException {
    OciLayoutReader reader = openArchive(file, tmpDir);
    try {
      return new OwningSource(reader.source(refName, platform), reader);
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** Reads {@code archive}, which the caller keeps and closes after this reader. */
  public static OciLayoutReader open(ArchiveFile archive) throws IOException {
    return open(archive.tree(), "oci-archive", null);
  }

  private static OciLayoutReader open(FileTree tree, String transport, Closeable owned) throws IOException {
    String where = tree.describe();
    if (tree.sizeOf("oci-layout") < 0) {
      throw JpodException.invalid(where + " is not an OCI layout: oci-layout is missing");
    }
    try {
      JsonNode layout = Json.mapper().readTree(tree.read("oci-layout", "oci-layout file", MAX_JSON));
      if (!layout.path("imageLayoutVersion").isTextual()) {
        throw JpodException.invalid(where + ": oci-layout has no imageLayoutVersion");
      }
    } catch (IOException e) {
      throw JpodException.invalid(where + ": invalid oci-layout (" + e.getMessage() + ")");
    }
    OciDescriptor.Index index;
    try {
      index = Json.mapper().readValue(tree.read("index.json", "index", MAX_JSON), OciDescriptor.Index.class);
    } catch (IOException e) {
      throw JpodException.invalid(where + ": invalid index.json (" + e.getMessage() + ")");
    }
    return new OciLayoutReader(tree, transport, owned, index.manifests());
  }

  /** The layout's images, in {@code index.json} order. */
  public List<OciDescriptor> entries() {
    return entries;
  }

  /** One source per image, in {@code index.json} order, each resolved for {@code platform}. */
  public List<ImageSource> sources(Platform platform) {
    List<ImageSource> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      out.add(source(i, platform));
    }
    return out;
  }

  /** The image at {@code index} of {@code index.json}. */
  public ImageSource source(int index, Platform platform) {
    if (index < 0 || index >= entries.size()) {
      throw JpodException.notFound(tree.describe() + ": no image @" + index + " (the layout holds "
          + entries.size() + ")");
    }
    return new OciLayoutSource(tree, transport, entries.get(index), platform);
  }

  /** The image named {@code refName}, or with null the only image, for the host platform. */
  public ImageSource source(String refName) {
    return source(refName, Platform.host());
  }

  /**
   * The image whose {@code org.opencontainers.image.ref.name} is {@code refName}, or with a null name
   * the only image of the layout; an index entry is resolved to {@code platform}'s manifest.
   */
  public ImageSource source(String refName, Platform platform) {
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (refName == null || refName.equals(entries.get(i).refName())) {
        found.add(i);
      }
    }
    if (refName == null && found.size() != 1) {
      throw JpodException.invalid(tree.describe() + (found.isEmpty() ? " holds no images"
          : " holds " + found.size() + " images; choose one by name (names: " + refNames() + ")"));
    }
    if (found.isEmpty()) {
      throw JpodException.notFound(tree.describe() + ": no image named \"" + refName + "\" (names: "
          + refNames() + ")");
    }
    if (found.size() > 1) {
      throw JpodException.invalid(tree.describe() + ": " + found.size() + " images are named \"" + refName + "\"");
    }
    return source(found.getFirst(), platform);
  }

  private String refNames() {
    List<String> names = entries.stream().map(OciDescriptor::refName).filter(Objects::nonNull).toList();
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  @Override
  public void close() throws IOException {
    if (owned != null) {
      owned.close();
    }
  }
}
