package io.jpod.core.spec;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes a {@link RuntimeSpec} as compact JSON (like Go's json.Marshal), atomically and durably. */
public final class SpecWriter {
  private SpecWriter() {}

  /** The JSON bytes podman-style: compact, fields in runtime-spec order. */
  public static byte[] toJson(RuntimeSpec spec) {
    try {
      return SpecJson.write(spec);
    } catch (IOException e) {
      throw JpodException.system("encoding OCI spec: " + e.getMessage(), e);
    }
  }

  /** Writes to a temp file in the same directory, fsyncs it, renames it over configJson, fsyncs the dir. */
  public static void write(RuntimeSpec spec, Path configJson) {
    byte[] bytes = toJson(spec);
    Path dir = configJson.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".config.json-", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        var buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, configJson, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, configJson, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
      fsyncDir(dir);
    } catch (IOException e) {
      throw JpodException.system("writing OCI spec " + configJson + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  private static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // some filesystems refuse fsync on directories; the rename is still atomic
    }
  }
}
