package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;

import io.jpod.common.JpodException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A connected AF_UNIX SOCK_SEQPACKET client, such as conmon's attach socket; the JDK's UNIX domain
 * channels only do SOCK_STREAM.
 */
public final class SeqPacketSocket implements AutoCloseable {
  static final int AF_UNIX = 1;
  static final int SOCK_SEQPACKET = 5;
  static final int SOCK_CLOEXEC = 02000000;
  static final int SUN_PATH_MAX = 108;
  private static final int SHUT_WR = 1;
  private static final int SHUT_RDWR = 2;
  // A peer that went away must surface as an EPIPE error, not kill the JVM with SIGPIPE.
  private static final int MSG_NOSIGNAL = 0x4000;

  static final Downcall SOCKET = Libc.errno("socket", INT, INT, INT, INT);
  private static final Downcall CONNECT = Libc.errno("connect", INT, INT, PTR, INT);
  private static final Downcall SEND = Libc.errno("send", LONG, INT, PTR, LONG, INT);
  private static final Downcall SHUTDOWN = Libc.errno("shutdown", INT, INT, INT);

  /** Links this class's C functions ahead of their first call (see {@link Prelink}). */
  static void prelink() {
    Downcall.linkAll(SOCKET, CONNECT, SEND, SHUTDOWN);
  }

  private final Fd fd;

  private SeqPacketSocket(Fd fd) {
    this.fd = fd;
  }

  /** Connects to the socket at {@code path}, however long the path is. */
  public static SeqPacketSocket connect(Path path) {
    String what = "connect " + path;
    Fd sock = Fd.of((int) Libc.call(what, st -> (int) SOCKET.handle().invokeExact(st, AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0)));
    try (Arena arena = Arena.ofConfined(); Fd dir = openParent(path)) {
      MemorySegment addr = address(arena, viaProc(dir, path));
      Libc.call(what, st -> (int) CONNECT.handle().invokeExact(st, sock.fd(), addr, (int) addr.byteSize()));
      return new SeqPacketSocket(sock);
    } catch (RuntimeException e) {
      sock.close();
      throw e;
    }
  }

  /** The socket's descriptor, e.g. for {@link Processes#waitReadable}. */
  public Fd fd() {
    return fd;
  }

  /**
   * Receives one packet into {@code buf} (truncated if larger); -1 once the peer has closed or either
   * side has shut the socket down.
   */
  public int receive(byte[] buf) {
    Objects.requireNonNull(buf);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(Math.max(1, buf.length));
      // read(2) is recv(2) without flags, and its shape is linked for every other fd already.
      long n =
          Libc.call("receive fd " + fd.fd(), st -> (long) Fd.READ.handle().invokeExact(st, fd.fd(), seg, (long) buf.length));
      if (n == 0) {
        return -1;
      }
      MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, buf, 0, (int) n);
      return (int) n;
    }
  }

  /** Sends {@code len} bytes as one packet. */
  public void send(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(Math.max(1, len));
      MemorySegment.copy(b, off, seg, ValueLayout.JAVA_BYTE, 0, len);
      // SOCK_SEQPACKET sends a packet whole or not at all, so there is no partial write to loop on.
      Libc.call("send fd " + fd.fd(), st -> (long) SEND.handle().invokeExact(st, fd.fd(), seg, (long) len, MSG_NOSIGNAL));
    }
  }

  /** shutdown(SHUT_WR): tells the peer no more data is coming (conmon closes the container's stdin). */
  public void shutdownOutput() {
    shutdown(SHUT_WR);
  }

  /** shutdown(SHUT_RDWR): makes a thread blocked in {@link #receive} return -1. */
  public void shutdownBoth() {
    shutdown(SHUT_RDWR);
  }

  @Override
  public void close() {
    fd.close();
  }

  private void shutdown(int how) {
    long rc = Libc.raw(st -> (int) SHUTDOWN.handle().invokeExact(st, fd.fd(), how));
    // ENOTCONN (107): the peer is already gone, which is the state shutdown aims for.
    if (rc < 0 && rc != -107) {
      throw Libc.fail("shutdown fd " + fd.fd(), (int) -rc);
    }
  }

  /** The parent directory as an O_PATH fd, so that the address can go through /proc/self/fd. */
  static Fd openParent(Path path) {
    Path parent = path.toAbsolutePath().getParent();
    return Fd.open(parent == null ? "/" : parent.toString(), Fd.O_PATH | Fd.O_CLOEXEC | Fd.O_DIRECTORY, 0);
  }

  /** A short path to {@code path} via the directory fd, since sun_path holds only 108 bytes. */
  static String viaProc(Fd dir, Path path) {
    return "/proc/self/fd/" + dir.fd() + "/" + path.getFileName();
  }

  /** A struct sockaddr_un for {@code path}, sized to the path as the kernel expects. */
  static MemorySegment address(Arena arena, String path) {
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    if (bytes.length >= SUN_PATH_MAX) {
      throw JpodException.invalid("socket name too long: " + path);
    }
    MemorySegment addr = arena.allocate(2L + bytes.length + 1, 2);
    addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
    MemorySegment.copy(bytes, 0, addr, ValueLayout.JAVA_BYTE, 2, bytes.length);
    return addr;
  }
}
