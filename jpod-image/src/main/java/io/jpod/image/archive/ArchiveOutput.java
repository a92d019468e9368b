package io.jpod.image.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Where a finished archive goes. A regular file is written under a temp name beside it and renamed
 * into place on {@link #commit}, so an interrupted save never leaves a half archive under the real
 * name; a device ({@code /dev/stdout}) or a caller's stream is written directly.
 */
final class ArchiveOutput {
  private final Path target;
  private final Path temp;
  private final OutputStream out;
  private final boolean ownsStream;

  private ArchiveOutput(Path target, Path temp, OutputStream out, boolean ownsStream) {
    this.target = target;
    this.temp = temp;
    this.out = out;
    this.ownsStream = ownsStream;
  }

  static ArchiveOutput toFile(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
      return new ArchiveOutput(absolute, null, buffered(Files.newOutputStream(absolute)), true);
    }
    Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".jpod-" + UUID.randomUUID());
    return new ArchiveOutput(absolute, temp, buffered(Files.newOutputStream(temp)), true);
  }

  /** Writes to {@code out}, which stays open (the caller owns it). */
  static ArchiveOutput toStream(OutputStream out) {
    return new ArchiveOutput(null, null, buffered(out), false);
  }

  private static OutputStream buffered(OutputStream out) {
    return new BufferedOutputStream(out, 1 << 16);
  }

  OutputStream stream() {
    return out;
  }

  String describe() {
    return target == null ? "stream" : target.toString();
  }

  /** Makes the archive visible under its name. */
  void commit() throws IOException {
    out.flush();
    if (ownsStream) {
      out.close();
    }
    if (temp != null) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Drops an unfinished archive (a stream can only be abandoned; readers reject the torn tar). */
  void discard() {
    if (ownsStream) {
      try {
        out.close();
      } catch (IOException e) {
        // discarding anyway
      }
    }
    if (temp != null) {
      BlobFiles.deleteQuietly(temp);
    }
  }
}
