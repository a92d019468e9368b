package io.jpod.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Counts and sha256-hashes every byte read through it (for DiffIDs and blob digests). */
public final class HashingInputStream extends FilterInputStream {
  private final MessageDigest md = Digest.sha256();
  private long count;
  private boolean hashing = true;

  public HashingInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      if (hashing) {
        md.update((byte) b);
      }
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = in.read(buf, off, len);
    if (n > 0) {
      if (hashing) {
        md.update(buf, off, n);
      }
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must still be hashed, so skip by reading.
    byte[] buf = new byte[8192];
    long done = 0;
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

  /** Reads the rest of the stream so the digest covers all of it. */
  public void drain() throws IOException {
    byte[] buf = new byte[8192];
    while (read(buf, 0, buf.length) >= 0) {
      // keep hashing
    }
  }

  /** Keeps counting but stops hashing, when the digest is known another way; {@link #digest()} is then meaningless. */
  public void stopHashing() {
    hashing = false;
  }

  public long count() {
    return count;
  }

  /** The digest of what was read; call once, at the end. */
  public Digest digest() {
    return Digest.of(md);
  }
}
