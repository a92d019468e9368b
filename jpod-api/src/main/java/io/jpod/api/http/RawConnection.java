package io.jpod.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * A hijacked connection: once Jetty has written the 101 answer it hands the endpoint over, and the
 * session runs on its own virtual thread with plain blocking streams in both directions. Jetty's
 * endpoint is non-blocking, so reads and writes park the virtual thread on Jetty's callbacks.
 * Reading EOF means the client half-closed its side; the output stays open until the session ends.
 */
public final class RawConnection extends AbstractConnection implements Connection.UpgradeTo {
  private final Consumer<RawConnection> session;
  private ByteBuffer leftover = BufferUtil.EMPTY_BUFFER;
  private final InputStream in = new In();
  private final OutputStream out = new Out();

  public RawConnection(EndPoint endPoint, Consumer<RawConnection> session) {
    super(endPoint, Runnable::run);
    this.session = session;
  }

  /** Bytes the client sent right behind the request headers (stdin typed ahead). */
  @Override
  public void onUpgradeTo(ByteBuffer buffer) {
    if (BufferUtil.hasContent(buffer)) {
      leftover = BufferUtil.copy(buffer);
    }
  }

  @Override
  public void onOpen() {
    super.onOpen();
    getEndPoint().setIdleTimeout(0);
    Thread.ofVirtual().name("jpod-api-hijack").start(() -> {
      try {
        session.accept(this);
      } catch (RuntimeException e) {
        // the client hung up or the container went away mid-stream: closing is all that is left
      } finally {
        getEndPoint().close();
      }
    });
  }

  @Override
  public void onFillable() {
    // reads are driven by the session thread, never by the selector
  }

  public InputStream input() {
    return in;
  }

  public OutputStream output() {
    return out;
  }

  /** Tells the client there is no more output while keeping its input readable. */
  public void shutdownOutput() {
    getEndPoint().shutdownOutput();
  }

  private static void await(Callback.Completable c) throws IOException {
    try {
      c.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  private final class In extends InputStream {
    private final ByteBuffer buf = BufferUtil.allocate(16 * 1024);
    private boolean eof;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (true) {
        if (leftover.hasRemaining()) {
          return take(leftover, b, off, len);
        }
        if (buf.hasRemaining()) {
          return take(buf, b, off, len);
        }
        if (eof) {
          return -1;
        }
        BufferUtil.clear(buf);
        int n = getEndPoint().fill(buf);
        if (n < 0) {
          eof = true;
          return -1;
        }
        if (n == 0) {
          Callback.Completable c = new Callback.Completable();
          getEndPoint().fillInterested(c);
          await(c);
        }
      }
    }

    private static int take(ByteBuffer src, byte[] b, int off, int len) {
      int n = Math.min(len, src.remaining());
      src.get(b, off, n);
      return n;
    }
  }

  private final class Out extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      Callback.Completable c = new Callback.Completable();
      getEndPoint().write(c, ByteBuffer.wrap(b, off, len));
      await(c);
    }
  }
}
