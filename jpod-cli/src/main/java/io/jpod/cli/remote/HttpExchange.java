package io.jpod.cli.remote;

import io.jpod.api.ListenAddress;
import io.jpod.common.JpodException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request on its own connection (unix socket or TCP): the JDK's HttpClient cannot reach
 * a unix socket, and the API needs the raw connection after a 101 anyway (attach, exec). The answer's
 * body is read by Content-Length, chunked coding, or to the end of the connection.
 */
public final class HttpExchange implements AutoCloseable {
  private final SocketChannel channel;
  private final InputStream in;
  private final OutputStream out;
  private int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private InputStream body;

  private HttpExchange(SocketChannel channel) {
    this.channel = channel;
    this.in = new java.io.BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
    this.out = Channels.newOutputStream(channel);
  }

  /** Connects; a service that is not there is podman's "unable to connect to Podman socket". */
  public static HttpExchange open(ListenAddress address) {
    try {
      SocketChannel ch = switch (address) {
        case ListenAddress.Unix u -> SocketChannel.open(UnixDomainSocketAddress.of(u.path()));
        case ListenAddress.Tcp t -> SocketChannel.open(new InetSocketAddress(t.host(), t.port()));
        case ListenAddress.Activated a -> throw new IOException("a socket-activated address has no path to connect to");
      };
      return new HttpExchange(ch);
    } catch (IOException e) {
      throw JpodException.system("unable to connect to Podman socket: " + describe(address) + ": " + e.getMessage());
    }
  }

  static String describe(ListenAddress a) {
    return switch (a) {
      case ListenAddress.Unix u -> "dial unix " + u.path();
      case ListenAddress.Tcp t -> "dial tcp " + t.host() + ":" + t.port();
      case ListenAddress.Activated inherited -> "inherited socket";
    };
  }

  /** Sends the request; with {@code upgrade} it asks for the raw stream ({@code Upgrade: tcp}). */
  public HttpExchange send(String method, String pathQuery, byte[] body, boolean upgrade) {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(pathQuery).append(" HTTP/1.1\r\n");
    sb.append("Host: d\r\n");
    sb.append("User-Agent: jpod/remote\r\n");
    if (upgrade) {
      sb.append("Connection: Upgrade\r\nUpgrade: tcp\r\n");
    } else {
      sb.append("Connection: close\r\n");
    }
    if (body != null) {
      sb.append("Content-Type: application/json\r\n");
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    } else if (!method.equals("GET") && !method.equals("HEAD")) {
      sb.append("Content-Length: 0\r\n");
    }
    sb.append("\r\n");
    try {
      out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      readHead();
    } catch (IOException e) {
      throw JpodException.system("sending " + method + " " + pathQuery + ": " + e.getMessage());
    }
    return this;
  }

  private void readHead() throws IOException {
    String statusLine = line();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("malformed response: " + statusLine);
    }
    status = Integer.parseInt(parts[1]);
    for (String l = line(); !l.isEmpty(); l = line()) {
      int c = l.indexOf(':');
      if (c > 0) {
        headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
      }
    }
    String len = headers.get("content-length");
    if (status == 101 || status == 204 || status == 304) {
      body = status == 101 ? in : InputStream.nullInputStream();
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = new Chunked(in);
    } else if (len != null) {
      body = new Bounded(in, Long.parseLong(len));
    } else {
      body = in;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c < 0 && b.size() == 0) {
      throw new IOException("connection closed by the service");
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  public int status() {
    return status;
  }

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The answer's body (after a 101: everything the service sends on the raw connection). */
  public InputStream body() {
    return body;
  }

  /** The raw connection's way to the service (stdin of attach and exec after a 101). */
  public OutputStream rawOutput() {
    return out;
  }

  /** Ends the way to the service while the answer keeps coming (stdin reached its end). */
  public void shutdownOutput() {
    try {
      channel.shutdownOutput();
    } catch (IOException e) {
      // already closed
    }
  }

  public byte[] readBody() {
    try {
      return body.readAllBytes();
    } catch (IOException e) {
      throw JpodException.system("reading response: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to do
    }
  }

  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long left;

    Bounded(InputStream in, long left) {
      this.in = in;
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  private static final class Chunked extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = sizeLine();
        int semi = size.indexOf(';');
        left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        if (left == 0) {
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        done = true;
        return -1;
      }
      left -= n;
      if (left == 0) {
        in.read();
        in.read(); // the CRLF after the chunk
      }
      return n;
    }

    private String sizeLine() throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          sb.append((char) c);
        }
      }
      if (c < 0) {
        throw new IOException("connection closed mid-chunk");
      }
      return sb.toString();
    }
  }
}
