package io.jpod.image.copy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** Recognizes and converts layer compressions by their magic bytes, not by what a manifest claims. */
final class Compression {
  enum Kind { NONE, GZIP, ZSTD }

  private Compression() {}

  /** A stream positioned at the start whose first bytes can be peeked. */
  static BufferedInputStream peekable(InputStream in) {
    return in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, 1 << 16);
  }

  static Kind detect(BufferedInputStream in) throws IOException {
    in.mark(4);
    byte[] m = in.readNBytes(4);
    in.reset();
    if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
      return Kind.GZIP;
    }
    if (m.length == 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f
        && (m[3] & 0xff) == 0xfd) {
      return Kind.ZSTD;
    }
    return Kind.NONE;
  }

  /** The uncompressed tar inside {@code in}, whatever its compression. */
  static InputStream decompressed(BufferedInputStream in) throws IOException {
    return switch (detect(in)) {
      case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
      case ZSTD -> new ZstdCompressorInputStream(in);
      case NONE -> in;
    };
  }

  /**
   * {@code in} gzip-compressed (fast level: layers are compressed while they upload). {@code in} stays
   * open: the caller drains and verifies it afterwards.
   */
  static InputStream gzipped(InputStream in) throws IOException {
    return Producer.stream("gzip", out -> {
      try (GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 1 << 16) {
        {
          def.setLevel(Deflater.BEST_SPEED);
        }
      }) {
        in.transferTo(gz);
      }
    });
  }

  /** Lets the gzip trailer be written by close() without closing the pipe (the producer owns it). */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
