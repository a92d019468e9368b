package io.jpod.image.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What an input to {@code jpod load} is. */
public enum ArchiveFormat {
  /** {@code docker save} / {@code podman save} output: a tar with {@code manifest.json}. */
  DOCKER_ARCHIVE,
  /** A tar of an OCI image layout ({@code oci-layout} at the top, no {@code manifest.json}). */
  OCI_ARCHIVE,
  /** An OCI image layout directory. */
  OCI_DIR,
  /** Not an image archive: not a tar at all, or a tar with neither marker file. */
  UNKNOWN;

  /**
   * The format of {@code path}. Prefer {@link ArchiveFile#open} and {@link ArchiveFile#format()} when the
   * archive is read next anyway: a compressed archive is decompressed to find out.
   */
  public static ArchiveFormat detect(Path path, Path tmpDir) throws IOException {
    if (Files.isDirectory(path)) {
      return Files.isRegularFile(path.resolve("oci-layout")) ? OCI_DIR : UNKNOWN;
    }
    try (ArchiveFile archive = ArchiveFile.open(path, tmpDir)) {
      return archive.format();
    }
  }

  /**
   * Tells the two tar formats apart by their marker files. Docker 25+ writes both: such archives are
   * read as docker-archive because only its {@code manifest.json} carries full {@code RepoTags}
   * (the OCI index names only a tag), and its layer paths lead into the same {@code blobs/}.
   */
  static ArchiveFormat of(TarIndex tar) {
    if (tar.sizeOf("manifest.json") >= 0) {
      return DOCKER_ARCHIVE;
    }
    return tar.sizeOf("oci-layout") >= 0 ? OCI_ARCHIVE : UNKNOWN;
  }
}
