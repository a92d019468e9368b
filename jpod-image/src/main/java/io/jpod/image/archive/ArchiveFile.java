package io.jpod.image.archive;

import io.jpod.common.JpodException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image archive made ready for random access: an uncompressed tar on local disk, indexed. A plain
 * tar file is used in place; a compressed file ({@code docker save | gzip}) or a stream (stdin) is first
 * copied, decompressed, into a temp file under {@code tmpDir}, which {@link #close} deletes. Layers are
 * then read straight out of the tar, never unpacked.
 */
public final class ArchiveFile implements Closeable {
  private final String label;
  private final Path temp;
  private final TarIndex index;

  private ArchiveFile(String label, Path temp, TarIndex index) {
    this.label = label;
    this.temp = temp;
    this.index = index;
  }

  /** Opens the archive file {@code file}; a file that is no tar at all gives {@link ArchiveFormat#UNKNOWN}. */
  public static ArchiveFile open(Path file, Path tmpDir) throws IOException {
    String label = file.toString();
    if (!Files.isRegularFile(file)) {
      throw Files.exists(file)
          ? JpodException.invalid(label + " is not a regular file")
          : JpodException.notFound("opening file \"" + label + "\": open " + label + ": no such file or directory");
    }
    BlobCompression compression;
    try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      compression = BlobCompression.sniff(in);
    }
    if (compression == BlobCompression.NONE) {
      return index(label, file, null);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return spool(in, label, tmpDir);
    }
  }

  /**
   * Copies {@code in} (possibly compressed) to a temp file in {@code tmpDir} and opens that; {@code in}
   * is read to its end but left open (it may be stdin or a request body).
   */
  public static ArchiveFile spool(InputStream in, String label, Path tmpDir) throws IOException {
    Files.createDirectories(tmpDir);
    Path temp = Files.createTempFile(tmpDir, "jpod-archive-", ".tar");
    InputStream unclosable = new FilterInputStream(in) {
      @Override
      public void close() {
        // the caller's stream
      }
    };
    try {
      try (InputStream plain = BlobCompression.autoDecompress(unclosable, label);
          OutputStream out = Files.newOutputStream(temp)) {
        plain.transferTo(out);
      } catch (IOException e) {
        throw JpodException.invalid(label + ": cannot read archive (" + e.getMessage() + ")");
      }
      return index(label, temp, temp);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  private static ArchiveFile index(String label, Path tar, Path temp) throws IOException {
    if (!TarIndex.looksLikeTar(tar)) {
      return new ArchiveFile(label, temp, null);
    }
    return new ArchiveFile(label, temp, TarIndex.open(tar, label));
  }

  /** What the archive holds. */
  public ArchiveFormat format() {
    return index == null ? ArchiveFormat.UNKNOWN : ArchiveFormat.of(index);
  }

  /** The archive as messages name it. */
  public String describe() {
    return label;
  }

  /** The indexed tar; fails for a file that is not a tar. */
  TarIndex tree() {
    if (index == null) {
      throw JpodException.invalid(label + " is not a tar archive");
    }
    return index;
  }

  @Override
  public void close() throws IOException {
    try {
      if (index != null) {
        index.close();
      }
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
  }
}
