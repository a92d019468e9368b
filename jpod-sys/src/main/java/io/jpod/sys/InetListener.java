package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * An IPv4 TCP listener or bound UDP socket as a raw descriptor, so it can be handed to another
 * process (conmon keeps published host ports reserved this way); the JDK's sockets cannot give up
 * their fd.
 */
public final class InetListener {
  static final int AF_INET = 2;
  static final int SOCK_STREAM = 1;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_CLOEXEC = 02000000;
  private static final int SOL_SOCKET = 1;
  private static final int SO_REUSEADDR = 2;
  private static final int SOMAXCONN = 4096;
  public static final int EADDRINUSE = 98;

  private static final Downcall SOCKET = Libc.errno("socket", INT, INT, INT, INT);
  private static final Downcall SETSOCKOPT = Libc.errno("setsockopt", INT, INT, INT, INT, PTR, INT);
  private static final Downcall BIND = Libc.errno("bind", INT, INT, PTR, INT);
  private static final Downcall LISTEN = Libc.errno("listen", INT, INT, INT);

  private InetListener() {}

  /** Why a bind failed: the errno, for callers that word the error themselves. */
  public static final class BindException extends RuntimeException {
    private final int errno;

    BindException(int errno) {
      super(Errno.describe(errno));
      this.errno = errno;
    }

    public int errno() {
      return errno;
    }
  }

  /**
   * Binds {@code address} ({@code 0.0.0.0} for all) and {@code port}, with SO_REUSEADDR as Go's
   * listeners set it; TCP sockets also listen. The descriptor is close-on-exec; a failed bind
   * throws {@link BindException}.
   */
  public static Fd bind(String protocol, byte[] address, int port) {
    boolean tcp = protocol.equals("tcp");
    Fd sock = Fd.of((int) Libc.call("socket", st -> (int) SOCKET.handle().invokeExact(st, AF_INET,
        (tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0)));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment one = arena.allocate(INT);
      one.set(INT, 0, 1);
      Libc.call("setsockopt", st -> (int) SETSOCKOPT.handle().invokeExact(st, sock.fd(), SOL_SOCKET, SO_REUSEADDR, one, 4));
      // struct sockaddr_in: family (host order), port and address (network order), 8 bytes padding
      MemorySegment sa = arena.allocate(16);
      sa.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
      sa.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 2, (short) port);
      MemorySegment.copy(address, 0, sa, ValueLayout.JAVA_BYTE, 4, 4);
      long rc = Libc.raw(st -> (int) BIND.handle().invokeExact(st, sock.fd(), sa, 16));
      if (rc < 0) {
        throw new BindException((int) -rc);
      }
      if (tcp) {
        Libc.call("listen", st -> (int) LISTEN.handle().invokeExact(st, sock.fd(), SOMAXCONN));
      }
      return sock;
    } catch (RuntimeException e) {
      sock.close();
      throw e;
    }
  }
}
