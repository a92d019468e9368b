package io.jpod.common;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads /proc and /sys files. They report a size of 0, and sysctl files answer only a read at offset
 * 0: {@code Files.readString} sizes its first read from the (zero) file size and then reads at an
 * offset, so on some kernels it returns just the first byte ("3" for a pid_max of 32768). One large
 * read from offset 0 gets the whole value.
 */
public final class KernelFiles {
  private KernelFiles() {}

  public static String read(Path file) throws IOException {
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      return new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
    }
  }
}
