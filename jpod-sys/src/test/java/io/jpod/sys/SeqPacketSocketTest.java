package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.PTR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class SeqPacketSocketTest {
  private static final Downcall BIND = Libc.errno("bind", INT, INT, PTR, INT);
  private static final Downcall LISTEN = Libc.errno("listen", INT, INT, INT);
  private static final Downcall ACCEPT = Libc.errno("accept4", INT, INT, PTR, PTR, INT);

  @TempDir Path tmp;
  Path socketPath;

  @BeforeEach
  void longDirectory() throws Exception {
    Path dir = tmp.resolve("a".repeat(60)).resolve("b".repeat(60));
    Files.createDirectories(dir);
    socketPath = dir.resolve("attach");
    assertThat(socketPath.toString().length()).isGreaterThan(SeqPacketSocket.SUN_PATH_MAX);
  }

  @Test
  void exchangesPacketsAndSeesShutdown() throws Exception {
    try (Fd listener = listen(socketPath)) {
      CompletableFuture<String> server = CompletableFuture.supplyAsync(() -> {
        try (Fd conn = accept(listener)) {
          byte[] buf = new byte[100];
          int n = conn.read(buf, 0, buf.length);
          byte[] reply = new String(buf, 0, n, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8);
          conn.write(reply, 0, reply.length);
          conn.write(new byte[] {7, 8, 9}, 0, 3);
          // Blocks until the client shuts its output down.
          return "eof=" + conn.read(buf, 0, buf.length);
        }
      });
      try (SeqPacketSocket sock = SeqPacketSocket.connect(socketPath)) {
        byte[] hello = "xhello".getBytes(StandardCharsets.UTF_8);
        sock.send(hello, 1, 5);
        byte[] buf = new byte[100];
        int n = sock.receive(buf);
        assertThat(new String(buf, 0, n, StandardCharsets.UTF_8)).isEqualTo("HELLO");
        // Packet boundaries are kept: the second write arrives as its own packet.
        assertThat(sock.receive(buf)).isEqualTo(3);
        assertThat(buf[0]).isEqualTo((byte) 7);
        sock.shutdownOutput();
        assertThat(server.get(10, TimeUnit.SECONDS)).isEqualTo("eof=-1");
        assertThat(sock.receive(buf)).isEqualTo(-1);
      }
    }
  }

  @Test
  void shutdownBothWakesABlockedReceive() throws Exception {
    try (Fd listener = listen(socketPath);
        SeqPacketSocket sock = SeqPacketSocket.connect(socketPath);
        Fd conn = accept(listener)) {
      CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> sock.receive(new byte[10]));
      Thread.sleep(200);
      // The peer is connected and silent, so only the shutdown can end the receive.
      assertThat(conn.fd()).isNotNegative();
      assertThat(reader).isNotDone();
      sock.shutdownBoth();
      assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
    }
  }

  @Test
  void connectingToNothingFails() {
    assertThatThrownBy(() -> SeqPacketSocket.connect(socketPath))
        .isInstanceOf(JpodException.class)
        .hasMessage("connect " + socketPath + ": no such file or directory");
  }

  private static Fd listen(Path path) {
    int type = SeqPacketSocket.SOCK_SEQPACKET | SeqPacketSocket.SOCK_CLOEXEC;
    Fd fd = Fd.of((int) Libc.call("socket", st -> (int) SeqPacketSocket.SOCKET.handle().invokeExact(st, SeqPacketSocket.AF_UNIX, type, 0)));
    try (Arena arena = Arena.ofConfined(); Fd dir = SeqPacketSocket.openParent(path)) {
      MemorySegment addr = SeqPacketSocket.address(arena, SeqPacketSocket.viaProc(dir, path));
      Libc.call("bind", st -> (int) BIND.handle().invokeExact(st, fd.fd(), addr, (int) addr.byteSize()));
      Libc.call("listen", st -> (int) LISTEN.handle().invokeExact(st, fd.fd(), 4));
    }
    return fd;
  }

  private static Fd accept(Fd listener) {
    return Fd.of((int) Libc.call("accept", st -> (int) ACCEPT.handle().invokeExact(st, listener.fd(), MemorySegment.NULL, MemorySegment.NULL, SeqPacketSocket.SOCK_CLOEXEC)));
  }
}
