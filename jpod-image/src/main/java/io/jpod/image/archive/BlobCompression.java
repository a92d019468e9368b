package io.jpod.image.archive;

import io.jpod.common.JpodException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * How a blob or archive is compressed, told by its magic bytes. Media types are not trusted for this:
 * docker-archive sources label uncompressed layers {@code tar.gzip} (as containers/image does), and
 * {@code docker save | gzip} archives carry no label at all.
 */
enum BlobCompression {
  NONE, GZIP, ZSTD, BZIP2, XZ;

  /** Enough bytes to tell every supported format apart. */
  static final int MAGIC_LENGTH = 6;

  static BlobCompression sniff(byte[] head, int length) {
    if (length >= 2 && u(head[0]) == 0x1f && u(head[1]) == 0x8b) {
      return GZIP;
    }
    if (length >= 4 && u(head[0]) == 0x28 && u(head[1]) == 0xb5 && u(head[2]) == 0x2f && u(head[3]) == 0xfd) {
      return ZSTD;
    }
    if (length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      return BZIP2;
    }
    if (length >= 6 && u(head[0]) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
        && head[4] == 'Z' && head[5] == 0) {
      return XZ;
    }
    return NONE;
  }

  /** Sniffs a stream that supports mark/reset without consuming anything. */
  static BlobCompression sniff(BufferedInputStream in) throws IOException {
    in.mark(MAGIC_LENGTH);
    byte[] head = in.readNBytes(MAGIC_LENGTH);
    in.reset();
    return sniff(head, head.length);
  }

  /** The uncompressed content of {@code in}; {@code what} names the blob in errors. */
  InputStream decompress(InputStream in, String what) throws IOException {
    return switch (this) {
      case NONE -> in;
      case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
      case ZSTD -> new ZstdCompressorInputStream(in);
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
      case XZ -> throw JpodException.invalid(what + ": xz compression is not supported");
    };
  }

  /** Sniffs {@code in} and returns its uncompressed content. */
  static InputStream autoDecompress(InputStream in, String what) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 65536);
    return sniff(buffered).decompress(buffered, what);
  }

  private static int u(byte b) {
    return b & 0xff;
  }
}
