package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * systemd's sd_notify(3): one datagram to the {@code $NOTIFY_SOCKET} a service manager gave us (a
 * path, or {@code @name} in the abstract namespace). The JDK's datagram channels do not speak AF_UNIX.
 */
public final class SdNotify {
  private static final int SOCK_DGRAM = 2;
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final Downcall SENDTO = Libc.errno("sendto", LONG, INT, PTR, LONG, INT, PTR, INT);

  private SdNotify() {}

  /** Sends {@code message} (newline-separated assignments such as {@code READY=1}) to {@code socket}. */
  public static void send(String socket, String message) {
    String what = "sd_notify " + socket;
    Fd sock = Fd.of((int) Libc.call(what, st -> (int) SeqPacketSocket.SOCKET.handle().invokeExact(st,
        SeqPacketSocket.AF_UNIX, SOCK_DGRAM | SeqPacketSocket.SOCK_CLOEXEC, 0)));
    try (sock; Arena arena = Arena.ofConfined()) {
      byte[] data = message.getBytes(StandardCharsets.UTF_8);
      MemorySegment buf = arena.allocate(Math.max(1, data.length));
      MemorySegment.copy(data, 0, buf, ValueLayout.JAVA_BYTE, 0, data.length);
      if (socket.startsWith("@")) {
        MemorySegment addr = abstractAddress(arena, socket.substring(1));
        send(what, sock, buf, data.length, addr);
      } else {
        Path path = Path.of(socket);
        try (Fd dir = SeqPacketSocket.openParent(path)) {
          send(what, sock, buf, data.length, SeqPacketSocket.address(arena, SeqPacketSocket.viaProc(dir, path)));
        }
      }
    }
  }

  private static void send(String what, Fd sock, MemorySegment buf, int len, MemorySegment addr) {
    Libc.call(what, st -> (long) SENDTO.handle().invokeExact(st, sock.fd(), buf, (long) len, MSG_NOSIGNAL, addr,
        (int) addr.byteSize()));
  }

  /** sun_path starting with a NUL byte, sized to the name (no terminating NUL: it would be part of it). */
  private static MemorySegment abstractAddress(Arena arena, String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    MemorySegment addr = arena.allocate(3L + bytes.length, 2);
    addr.set(ValueLayout.JAVA_SHORT, 0, (short) SeqPacketSocket.AF_UNIX);
    addr.set(ValueLayout.JAVA_BYTE, 2, (byte) 0);
    MemorySegment.copy(bytes, 0, addr, ValueLayout.JAVA_BYTE, 3, bytes.length);
    return addr;
  }
}
