package io.jpod.api.compat;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Docker's stream framing for non-TTY output: each write becomes one frame of an 8-byte header
 * (stream type, three zero bytes, big-endian length) and the payload. With a TTY the bytes go raw.
 */
final class Frames {
  static final int STDOUT = 1;
  static final int STDERR = 2;
  static final int SYSTEM_ERROR = 3;

  private Frames() {}

  /** An output stream for one stream type over {@code sink} (shared by stdout and stderr). */
  static OutputStream stream(OutputStream sink, int type, boolean multiplexed) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return;
        }
        synchronized (sink) {
          if (multiplexed) {
            sink.write(header(type, len));
          }
          sink.write(b, off, len);
          sink.flush();
        }
      }

      @Override
      public void flush() throws IOException {
        synchronized (sink) {
          sink.flush();
        }
      }
    };
  }

  static byte[] header(int type, int len) {
    return new byte[] {(byte) type, 0, 0, 0, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
  }

  /** Drops everything (a stream the client did not ask for). */
  static OutputStream discard() {
    return OutputStream.nullOutputStream();
  }
}
