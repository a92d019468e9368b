package io.jpod.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Raw HTTP/1.1 on the service's unix socket, for the requests a test must shape by hand (bad bodies,
 * odd headers) that no real client would send.
 */
final class SocketHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SocketHttp() {}

  /** A response: status, the header block, the (de-chunked) body. */
  record Response(int status, String head, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + head + "\n\n" + body, e);
      }
    }
  }

  static Response exchange(Path sock, String method, String path, String body) {
    return exchange(sock, method, path, Map.of(), body);
  }

  /** One request on a fresh connection ({@code Connection: close}), read to the end. */
  static Response exchange(Path sock, String method, String path, Map<String, String> headers, String body) {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put("Connection", "close");
      send(ch, method, path, h, body);
      byte[] all = Channels.newInputStream(ch).readAllBytes();
      int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
      String head = new String(all, 0, split < 0 ? all.length : split, StandardCharsets.UTF_8);
      byte[] rest = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(all, split + 4, all.length);
      if (head.toLowerCase().contains("transfer-encoding: chunked")) {
        rest = dechunk(rest);
      }
      return new Response(Integer.parseInt(head.split(" ")[1]), head, new String(rest, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a request with a JSON content type and the body's length. */
  static void send(SocketChannel ch, String method, String path, Map<String, String> headers, String body) throws IOException {
    byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: api\r\nContent-Type: application/json\r\n");
    headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    req.append("Content-Length: ").append(b.length).append("\r\n\r\n");
    // one write for head and body: a server that answers a bad request from its head alone and closes
    // must not meet a second write (EPIPE) that races its close
    byte[] head = req.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer all = ByteBuffer.allocate(head.length + b.length).put(head).put(b).flip();
    while (all.hasRemaining()) {
      ch.write(all);
    }
  }

  /** Chunk sizes count bytes, so the body is joined as bytes. */
  private static byte[] dechunk(byte[] s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    int i = 0;
    while (i < s.length) {
      int nl = indexOf(s, crlf, i);
      if (nl < 0) {
        break;
      }
      int n = Integer.parseInt(new String(s, i, nl - i, StandardCharsets.US_ASCII).trim(), 16);
      if (n == 0) {
        break;
      }
      out.write(s, nl + 2, Math.min(n, s.length - nl - 2));
      i = nl + 2 + n + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] a, byte[] needle, int from) {
    outer:
    for (int i = from; i + needle.length <= a.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (a[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
