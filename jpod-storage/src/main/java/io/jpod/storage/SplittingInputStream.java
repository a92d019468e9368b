package io.jpod.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sits between the uncompressed layer stream and the tar reader (which reads exactly what it needs,
 * record by record, without read-ahead) and sorts every byte: payload of a file being extracted is only
 * counted, everything else goes to the tar-split as raw bytes. While the reader parses the headers of
 * the next entry, the bytes are also captured (up to a limit, which bounds the memory a hostile header
 * can make the reader use) so binary PAX values can be read exactly.
 */
final class SplittingInputStream extends InputStream {
  private final InputStream in;
  private final TarSplit.Writer split;
  private final long captureLimit;
  private long offset;
  private boolean payload;
  private long payloadBytes;
  private ByteArrayOutputStream capture;
  private long captureStart;

  /** {@code split} may be null: then bytes are only sorted, not recorded. */
  SplittingInputStream(InputStream in, TarSplit.Writer split, long captureLimit) {
    this.in = in;
    this.split = split;
    this.captureLimit = captureLimit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      offset += n;
      if (payload) {
        payloadBytes += n;
      } else {
        if (split != null) {
          split.raw(b, off, n);
        }
        if (capture != null) {
          if (capture.size() + n > captureLimit) {
            throw new HeaderTooLargeException(captureLimit);
          }
          capture.write(b, off, n);
        }
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes (padding, unread payload) belong in the split too, so skip by reading.
    byte[] buf = new byte[(int) Math.min(65536, Math.max(1, n))];
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
  public int available() throws IOException {
    return in.available();
  }

  /** From now on bytes are a file's content, referenced rather than copied into the split. */
  void beginPayload() {
    payload = true;
    payloadBytes = 0;
  }

  /** Ends a file's content. */
  void endPayload() {
    payload = false;
  }

  /** How many bytes the last file content had. */
  long lastPayloadBytes() {
    return payloadBytes;
  }

  /** Starts capturing raw bytes (the headers of the next entry). */
  void beginCapture() {
    capture = new ByteArrayOutputStream();
    captureStart = offset;
  }

  /** Stops capturing; the bytes were read starting at the stream offset {@link #captureStart()}. */
  byte[] endCapture() {
    byte[] b = capture == null ? new byte[0] : capture.toByteArray();
    capture = null;
    return b;
  }

  long captureStart() {
    return captureStart;
  }

  /** Reads the rest of the stream (trailing blocks after the end of the archive). */
  void drain() throws IOException {
    byte[] buf = new byte[65536];
    while (read(buf, 0, buf.length) >= 0) {
      // recorded as raw bytes
    }
  }

  /** Headers (PAX, long names) of one entry that exceed the limit. */
  static final class HeaderTooLargeException extends IOException {
    HeaderTooLargeException(long limit) {
      super("the entry's headers exceed " + (limit >> 20) + " MiB");
    }
  }
}
