package io.jpod.image.copy;

import io.jpod.common.JpodException;
import io.jpod.storage.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.function.LongConsumer;

/**
 * Passes a blob through while hashing it and fails at end of stream if the bytes do not have the
 * expected digest (or size), so a corrupted blob never becomes an image. Reports progress as it reads.
 */
final class VerifyingInputStream extends FilterInputStream {
  private final MessageDigest md = Digest.sha256();
  private final String expected;
  private final long expectedSize;
  private final String what;
  private final LongConsumer progress;
  private long count;
  private boolean checked;

  VerifyingInputStream(InputStream in, String expectedDigest, long expectedSize, String what,
      LongConsumer progress) {
    super(in);
    this.expected = expectedDigest;
    this.expectedSize = expectedSize;
    this.what = what;
    this.progress = progress;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      md.update(b, off, n);
      count += n;
      progress.accept(count);
    } else if (n < 0) {
      check();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(n, 65536)];
    int r = read(buf, 0, buf.length);
    return Math.max(r, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads to the end (consumers such as tar readers may stop before the padding) and verifies. */
  void finish() throws IOException {
    byte[] buf = new byte[65536];
    while (read(buf, 0, buf.length) >= 0) {
      // hashing the rest
    }
  }

  private void check() {
    if (checked) {
      return;
    }
    checked = true;
    String actual = Digest.of(md).toString();
    if (expected != null && !expected.equals(actual)) {
      throw JpodException.invalid(what + ": digest mismatch: expected " + expected + ", got " + actual
          + " (the blob is corrupt)");
    }
    if (expectedSize >= 0 && expectedSize != count) {
      throw JpodException.invalid(what + ": size mismatch: expected " + expectedSize + " bytes, got " + count);
    }
  }
}
