package io.jpod.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6455 framing as the websocket attach uses it. */
class WebSocketTest {
  /** A masked client frame, as browsers and clients must send them. */
  private static byte[] clientFrame(int opcode, byte[] payload) {
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(0x80 | opcode);
    if (payload.length < 126) {
      f.write(0x80 | payload.length);
    } else {
      f.write(0x80 | 126);
      f.write(payload.length >>> 8);
      f.write(payload.length & 0xff);
    }
    f.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      f.write(payload[i] ^ mask[i & 3]);
    }
    return f.toByteArray();
  }

  @Test
  void acceptKeyIsTheRfcExample() {
    // RFC 6455 section 1.3
    assertThat(WebSocket.accept("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }

  @Test
  void clientMessagesReadAsOneStreamPingsAnsweredCloseIsEof() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(clientFrame(WebSocket.TEXT, "hel".getBytes(StandardCharsets.UTF_8)));
    wire.writeBytes(clientFrame(9, "p".getBytes(StandardCharsets.UTF_8)));
    byte[] big = "x".repeat(300).getBytes(StandardCharsets.UTF_8);
    wire.writeBytes(clientFrame(WebSocket.BINARY, big));
    wire.writeBytes(clientFrame(8, new byte[] {0x03, (byte) 0xe8}));
    wire.writeBytes(clientFrame(WebSocket.TEXT, "after close".getBytes(StandardCharsets.UTF_8)));
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    WebSocket ws = new WebSocket(new ByteArrayInputStream(wire.toByteArray()), sent, true);
    InputStream in = ws.input();
    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hel" + "x".repeat(300));
    // the pong: unmasked, same payload
    assertThat(sent.toByteArray()).containsExactly(0x8a, 0x01, 'p');
  }

  @Test
  void writesAreUnmaskedMessagesAndCloseIsSentOnce() throws IOException {
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    WebSocket ws = new WebSocket(InputStream.nullInputStream(), sent, false);
    ws.output().write("hi".getBytes(StandardCharsets.UTF_8));
    byte[] big = new byte[70000];
    ws.output().write(big);
    ws.close();
    ws.close();
    byte[] all = sent.toByteArray();
    assertThat(all[0] & 0xff).isEqualTo(0x81); // text before API 1.28
    assertThat(all[1]).isEqualTo((byte) 2);
    assertThat(all[4] & 0xff).isEqualTo(0x81);
    assertThat(all[5] & 0xff).isEqualTo(127);
    int closeAt = 4 + 10 + big.length;
    assertThat(all.length).isEqualTo(closeAt + 4);
    assertThat(all[closeAt] & 0xff).isEqualTo(0x88);
  }
}
