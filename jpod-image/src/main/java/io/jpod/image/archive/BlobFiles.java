package io.jpod.image.archive;

import io.jpod.common.JpodException;
import io.jpod.storage.Digest;
import io.jpod.storage.HashingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writing a blob to a file while hashing it, and checking the result against what the sender promised. */
final class BlobFiles {
  /** A blob on disk with its computed digest and size. */
  record Written(Path file, Digest digest, long size) {}

  private BlobFiles() {}

  /** Copies {@code in} to the new file {@code file} (fsynced) and reports what was written. */
  static Written write(InputStream in, Path file) throws IOException {
    HashingInputStream hashing = new HashingInputStream(in);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(ch);
      hashing.transferTo(out);
      ch.force(true);
    }
    return new Written(file, hashing.digest(), hashing.count());
  }

  /**
   * Fails unless {@code actual} matches {@code expected} ({@code sha256:…}, or null for "not known")
   * and {@code actualSize} matches {@code expectedSize} (-1 for "not known").
   */
  static void check(String what, Digest actual, long actualSize, String expected, long expectedSize) {
    if (expectedSize >= 0 && actualSize != expectedSize) {
      throw JpodException.invalid(what + ": size mismatch (expected " + expectedSize + " bytes, got "
          + actualSize + ")");
    }
    if (expected != null && !Digest.parse(expected).equals(actual)) {
      throw JpodException.invalid(what + ": digest mismatch (expected " + expected + ", got " + actual + ")");
    }
  }

  /** The path of a blob in an OCI layout; only sha256 is supported. */
  static String layoutPath(String digest, String where) {
    if (digest == null || !digest.startsWith("sha256:")) {
      throw JpodException.invalid(where + ": unsupported digest \"" + digest + "\" (only sha256 is supported)");
    }
    return "blobs/sha256/" + Digest.parse(digest).hex();
  }

  /** Deletes a file, ignoring failures: used on paths that are already failing. */
  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing better to do; the caller is reporting the original failure.
    }
  }
}
