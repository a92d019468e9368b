package io.jpod.image.copy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns something that writes into something that can be read: the writer runs on a virtual thread
 * feeding a pipe, so a layer can be compressed or re-assembled while it is uploaded, without a temporary
 * file. A failure of the writer is thrown to the reader when it reaches the end.
 */
public final class Producer {
  /** Writes a whole stream to {@code out}; must not close it. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  private Producer() {}

  public static InputStream stream(String name, Writer writer) throws IOException {
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out = new PipedOutputStream(in);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread.ofVirtual().name(name).start(() -> {
      try (out) {
        writer.writeTo(out);
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        return b < 0 ? endOrFailure() : b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        return n < 0 ? endOrFailure() : n;
      }

      private int endOrFailure() throws IOException {
        Throwable t = failure.get();
        if (t == null) {
          return -1;
        }
        if (t instanceof RuntimeException re) {
          throw re;
        }
        if (t instanceof IOException io) {
          throw io;
        }
        throw new IOException(t.getMessage(), t);
      }
    };
  }
}
