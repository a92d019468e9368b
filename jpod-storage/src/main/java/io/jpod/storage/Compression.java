package io.jpod.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** How a layer blob is compressed, told by its magic bytes (media types are not always right). */
public enum Compression {
  NONE,
  GZIP,
  ZSTD;

  /** Peeks at the first bytes of {@code in} (which must support mark) without consuming them. */
  static Compression detect(BufferedInputStream in) throws IOException {
    in.mark(4);
    byte[] m = in.readNBytes(4);
    in.reset();
    if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (m.length == 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f
        && (m[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }

  /** The uncompressed stream; several concatenated gzip members count as one stream, as in Go. */
  InputStream open(InputStream in) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true)
          .get();
      case ZSTD -> new ZstdCompressorInputStream(in);
    };
  }
}
