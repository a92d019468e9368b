package io.jpod.api.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RFC 6455 framing over a hijacked connection, for {@code /containers/{id}/attach/ws}: the payloads
 * of the client's data frames read as one byte stream (its close frame is EOF, its pings are
 * answered), and every write goes out as one unmasked message. Only what the attach needs: no
 * extensions, no subprotocols, messages of any size.
 */
public final class WebSocket {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  static final int TEXT = 1;
  static final int BINARY = 2;
  private static final int CLOSE = 8;
  private static final int PING = 9;
  private static final int PONG = 10;
  /** A frame bigger than this from a client is refused: stdin arrives in small pieces. */
  private static final long MAX_FRAME = 16L << 20;

  private final InputStream rawIn;
  private final OutputStream rawOut;
  private final int dataOpcode;
  private final Object writeLock = new Object();
  private boolean closeSent;

  /** {@code binary}: output as binary messages (API 1.28 and later), else as text messages. */
  WebSocket(InputStream rawIn, OutputStream rawOut, boolean binary) {
    this.rawIn = rawIn;
    this.rawOut = rawOut;
    this.dataOpcode = binary ? BINARY : TEXT;
  }

  /** The {@code Sec-WebSocket-Accept} answer to a client's {@code Sec-WebSocket-Key}. */
  static String accept(String key) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-1").digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public InputStream input() {
    return new In();
  }

  public OutputStream output() {
    return new Out();
  }

  /** Sends a normal-closure frame once; the connection itself is closed by the caller. */
  public void close() {
    synchronized (writeLock) {
      if (closeSent) {
        return;
      }
      closeSent = true;
      try {
        writeFrame(CLOSE, new byte[] {0x03, (byte) 0xe8}, 0, 2);
      } catch (IOException e) {
        // the client is gone already
      }
    }
  }

  private void send(int opcode, byte[] b, int off, int len) throws IOException {
    synchronized (writeLock) {
      if (closeSent) {
        throw new IOException("websocket closed");
      }
      writeFrame(opcode, b, off, len);
    }
  }

  private void writeFrame(int opcode, byte[] b, int off, int len) throws IOException {
    byte[] head;
    if (len < 126) {
      head = new byte[] {(byte) (0x80 | opcode), (byte) len};
    } else if (len < 65536) {
      head = new byte[] {(byte) (0x80 | opcode), 126, (byte) (len >>> 8), (byte) len};
    } else {
      head = new byte[10];
      head[0] = (byte) (0x80 | opcode);
      head[1] = 127;
      for (int i = 0; i < 8; i++) {
        head[9 - i] = (byte) ((long) len >>> (8 * i));
      }
    }
    byte[] frame = new byte[head.length + len];
    System.arraycopy(head, 0, frame, 0, head.length);
    System.arraycopy(b, off, frame, head.length, len);
    rawOut.write(frame);
    rawOut.flush();
  }

  private int readByte() throws IOException {
    int c = rawIn.read();
    if (c < 0) {
      throw new EOFException();
    }
    return c;
  }

  private byte[] readFully(int n) throws IOException {
    byte[] b = rawIn.readNBytes(n);
    if (b.length < n) {
      throw new EOFException();
    }
    return b;
  }

  private final class In extends InputStream {
    private byte[] payload = new byte[0];
    private int pos;
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
      while (pos >= payload.length) {
        if (eof || !nextFrame()) {
          eof = true;
          return -1;
        }
      }
      int n = Math.min(len, payload.length - pos);
      System.arraycopy(payload, pos, b, off, n);
      pos += n;
      return n;
    }

    /** Reads frames until one carries data; false at the client's close or a broken connection. */
    private boolean nextFrame() throws IOException {
      try {
        while (true) {
          int b0 = readByte();
          int b1 = readByte();
          int opcode = b0 & 0x0f;
          boolean masked = (b1 & 0x80) != 0;
          long len = b1 & 0x7f;
          if (len == 126) {
            len = (readByte() << 8) | readByte();
          } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
              len = (len << 8) | readByte();
            }
          }
          if (len < 0 || len > MAX_FRAME) {
            throw new IOException("websocket frame too large: " + len);
          }
          byte[] mask = masked ? readFully(4) : null;
          byte[] data = readFully((int) len);
          if (mask != null) {
            for (int i = 0; i < data.length; i++) {
              data[i] ^= mask[i & 3];
            }
          }
          switch (opcode) {
            case CLOSE -> {
              // the client's close ends stdin only (as a half-close does on a hijacked attach): the
              // output still flows until the process ends, and the session's end sends our close
              return false;
            }
            case PING -> send(PONG, data, 0, data.length);
            case PONG -> {
              // an answer to nothing we asked: ignored
            }
            default -> {
              payload = data;
              pos = 0;
              if (data.length > 0) {
                return true;
              }
            }
          }
        }
      } catch (EOFException e) {
        return false;
      }
    }
  }

  private final class Out extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > 0) {
        send(dataOpcode, b, off, len);
      }
    }
  }
}
