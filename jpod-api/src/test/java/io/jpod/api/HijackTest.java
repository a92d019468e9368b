package io.jpod.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.api.http.ApiHandler;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hijack contract of attach and exec: 101, raw streams both ways, half-close of the client's side. */
class HijackTest {
  private Path dir;
  private Path sock;
  private ApiServer server;

  @BeforeEach
  void start() throws IOException {
    dir = Files.createTempDirectory("jpod-api-test");
    sock = dir.resolve("api.sock");
    Route echo = Route.of("POST", "/echo", ex -> ex.hijack(Exchange.RAW_STREAM, s -> {
      try {
        byte[] all = s.in().readAllBytes(); // until the client half-closes
        s.out().write(("got:" + new String(all, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        s.out().flush();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }));
    Route ping = Route.of("GET", "/_ping", ex -> ex.text(200, "OK"));
    server = ApiServer.start(new ListenAddress.Unix(sock),
        new ApiHandler(List.of(echo, ping), new ObjectMapper(), Map.of("Api-Version", "1.47"), Throwable::printStackTrace));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    Files.deleteIfExists(dir);
  }

  @Test
  void upgradeGivesRawStreamsWithHalfClose() throws IOException {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
      OutputStream out = Channels.newOutputStream(ch);
      // the typed-ahead body rides in the same packet as the headers
      out.write(("POST /v1.41/echo HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nhello ").getBytes(StandardCharsets.US_ASCII));
      InputStream in = Channels.newInputStream(ch);
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: tcp").contains("Api-Version: 1.47");
      out.write("world".getBytes(StandardCharsets.US_ASCII));
      ch.shutdownOutput();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("got:hello world");
    }
  }

  @Test
  void withoutUpgradeTheBodyEndsWithTheConnection() throws IOException {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
      Channels.newOutputStream(ch).write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = Channels.newInputStream(ch);
      String head = readHead(in);
      assertThat(head).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("chunked");
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("got:");
    }
  }

  @Test
  void unknownVersionAndRoute() throws IOException {
    assertThat(request("GET /v1.99/_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400").contains("client version 1.99 is too new. Maximum supported API version is 1.47");
    assertThat(request("GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 404").contains("{\"message\":\"page not found\"}");
  }

  private String request(String raw) throws IOException {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
      ch.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.US_ASCII)));
      return new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String s = b.toString(StandardCharsets.ISO_8859_1);
      if (s.endsWith("\r\n\r\n")) {
        return s;
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }
}
