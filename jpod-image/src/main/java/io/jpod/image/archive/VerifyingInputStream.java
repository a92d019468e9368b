package io.jpod.image.archive;

import io.jpod.common.JpodException;
import io.jpod.storage.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through and, when it ends, checks its sha256 and length against what the manifest
 * promised, so that a corrupt archive fails naming the file rather than as a bad layer later.
 */
final class VerifyingInputStream extends FilterInputStream {
  private final MessageDigest md = Digest.sha256();
  private final Digest expected;
  private final long expectedSize;
  private final String what;
  private long count;
  private boolean checked;

  /** {@code expectedSize} may be -1 (unknown); {@code what} names the file in the error. */
  VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String what) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.what = what;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n > 0) {
      md.update(buf, off, n);
      count += n;
      if (expectedSize >= 0 && count > expectedSize) {
        throw JpodException.invalid(what + ": longer than the expected " + expectedSize + " bytes");
      }
    } else if (n < 0) {
      check();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes still have to be hashed.
    long done = 0;
    byte[] buf = new byte[8192];
    while (done < n) {
      int r = read(buf, 0, (int) Math.min(buf.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void check() {
    if (checked) {
      return;
    }
    checked = true;
    if (expectedSize >= 0 && count != expectedSize) {
      throw JpodException.invalid(what + ": truncated (" + count + " of " + expectedSize + " bytes)");
    }
    Digest actual = Digest.of(md);
    if (!actual.equals(expected)) {
      throw JpodException.invalid(what + ": digest mismatch (expected " + expected + ", got " + actual + ")");
    }
  }
}
