package io.jpod.core.oci.conmon;

import io.jpod.sys.SeqPacketSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A client of conmon's attach socket.
 *
 * <pre>
 *  conmon -> client: packets of [1 byte stream id: 2 stdout, 3 stderr][up to 8192 bytes of data]
 *  client -> conmon: raw stdin bytes, no framing; shutdown(SHUT_WR) closes the container's stdin
 *                    when conmon was started with -i
 * </pre>
 *
 * Output written before the client connects is not replayed, so callers connect before
 * {@code runtime start}. Detach keys are the client's business: conmon never sees them.
 */
public final class AttachSession implements AutoCloseable {
  private static final int STDOUT = 2;
  private static final int STDERR = 3;

  private final SeqPacketSocket socket;

  private AttachSession(SeqPacketSocket socket) {
    this.socket = socket;
  }

  public static AttachSession connect(Path attachSocket) {
    return new AttachSession(SeqPacketSocket.connect(attachSocket));
  }

  /** How an attach ended. */
  public enum End {
    /** The container's output ended (it exited). */
    EOF,
    /** The user typed the detach keys. */
    DETACHED
  }

  /**
   * Copies the container's output to {@code out}/{@code err} and, if {@code in} is given, the user's
   * input to the container, until the output ends or the detach sequence is typed.
   */
  public End copy(InputStream in, OutputStream out, OutputStream err, List<Integer> detachKeys) {
    // the socket's reads block in native code for as long as the container is silent
    try {
      return io.jpod.sys.Blocking.offCarrier("attach-output", () -> copyHere(in, out, err, detachKeys));
    } catch (InterruptedException e) {
      socket.shutdownBoth(); // ends the copier's read
      Thread.currentThread().interrupt();
      return End.EOF;
    }
  }

  private End copyHere(InputStream in, OutputStream out, OutputStream err, List<Integer> detachKeys) {
    Thread pump = null;
    var detached = new java.util.concurrent.atomic.AtomicBoolean();
    if (in != null) {
      pump = Thread.ofPlatform().daemon().name("attach-stdin").start(() -> pumpInput(in, detachKeys, detached));
    }
    byte[] buf = new byte[8193];
    try {
      while (true) {
        int n = socket.receive(buf);
        if (n < 0) {
          break;
        }
        if (n == 0) {
          continue;
        }
        OutputStream target = buf[0] == STDERR ? err : out;
        if (buf[0] == STDOUT || buf[0] == STDERR) {
          target.write(buf, 1, n - 1);
          target.flush();
        }
      }
    } catch (IOException e) {
      // Our own stdout was closed (e.g. a pipe reader went away): stop copying, the container goes on.
    }
    if (pump != null) {
      pump.interrupt();
    }
    return detached.get() ? End.DETACHED : End.EOF;
  }

  /** Copies stdin to the container until it ends or the detach sequence is typed. */
  private void pumpInput(InputStream in, List<Integer> detachKeys, java.util.concurrent.atomic.AtomicBoolean detached) {
    byte[] buf = new byte[32 * 1024];
    DetachKeyFilter filter = new DetachKeyFilter(detachKeys);
    try {
      while (true) {
        int n = in.read(buf);
        if (n < 0) {
          byte[] held = filter.pending();
          if (held.length > 0) {
            socket.send(held, 0, held.length);
          }
          socket.shutdownOutput();
          return;
        }
        DetachKeyFilter.Filtered f = filter.feed(buf, n);
        if (f.length() > 0) {
          socket.send(f.data(), 0, f.length());
        }
        if (f.detach()) {
          detached.set(true);
          socket.shutdownBoth();
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The container went away while we were sending: nothing left to feed.
    }
  }

  @Override
  public void close() {
    socket.close();
  }

  /** Parses podman's detach-keys syntax ("ctrl-p,ctrl-q", "a,ctrl-b") into bytes; "" disables. */
  public static List<Integer> parseDetachKeys(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    var out = new java.util.ArrayList<Integer>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      if (p.length() == 1) {
        out.add((int) p.charAt(0));
      } else if (p.startsWith("ctrl-") && p.length() == 6) {
        char c = p.charAt(5);
        if (c >= 'a' && c <= 'z') {
          out.add(c - 'a' + 1);
        } else if ("@[\\]^_".indexOf(c) >= 0) {
          out.add(c == '@' ? 0 : (c - '[' + 27));
        } else {
          throw io.jpod.common.JpodException.invalid("invalid detach keys: " + spec);
        }
      } else {
        throw io.jpod.common.JpodException.invalid("invalid detach keys: " + spec);
      }
    }
    return List.copyOf(out);
  }
}
