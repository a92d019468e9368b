package io.jpod.image.archive;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link FileTree} over a directory (an {@code oci:} layout). */
final class DirectoryTree implements FileTree {
  private final Path root;

  DirectoryTree(Path root) {
    this.root = root;
  }

  @Override
  public String describe() {
    return root.toString();
  }

  private Path resolve(String path) {
    String normal = ArchivePaths.normalize(path);
    if (normal == null || normal.isEmpty()) {
      throw JpodException.invalid(root + ": invalid path \"" + path + "\"");
    }
    return root.resolve(normal);
  }

  @Override
  public long sizeOf(String path) throws IOException {
    Path p = resolve(path);
    return Files.isRegularFile(p) ? Files.size(p) : -1;
  }

  @Override
  public InputStream open(String path) throws IOException {
    Path p = resolve(path);
    if (!Files.isRegularFile(p)) {
      throw JpodException.invalid(root + ": \"" + path + "\" is missing");
    }
    return Files.newInputStream(p);
  }
}
