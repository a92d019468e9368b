package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** An owned Linux file descriptor with blocking read/write, for fds the JDK cannot open or wrap. */
public final class Fd implements AutoCloseable {
  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 1;
  public static final int O_RDWR = 2;
  public static final int O_CREAT = 0100;
  public static final int O_EXCL = 0200;
  public static final int O_NOCTTY = 0400;
  public static final int O_TRUNC = 01000;
  public static final int O_APPEND = 02000;
  public static final int O_NONBLOCK = 04000;
  public static final int O_DIRECTORY = 0200000;
  public static final int O_CLOEXEC = 02000000;
  public static final int O_PATH = 010000000;

  private static final int F_GETFL = 3;
  private static final int F_SETFL = 4;
  private static final int F_DUPFD_CLOEXEC = 1030;
  // One native copy buffer per call; larger requests are served partially, as read(2) may anyway.
  private static final int MAX_CHUNK = 1 << 20;

  private static final Downcall OPEN = Libc.variadic("open", 2, INT, PTR, INT, INT);
  static final Downcall READ = Libc.errno("read", LONG, INT, PTR, LONG);
  private static final Downcall WRITE = Libc.errno("write", LONG, INT, PTR, LONG);
  private static final Downcall CLOSE = Libc.errno("close", INT, INT);
  private static final Downcall FCNTL = Libc.variadic("fcntl", 2, INT, INT, INT, INT);

  /** Links this class's C functions ahead of their first call (see {@link Prelink}). */
  static void prelink() {
    Downcall.linkAll(OPEN, READ, WRITE, CLOSE, FCNTL);
  }

  private final int fd;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Fd(int fd) {
    this.fd = fd;
  }

  /** Takes ownership of an already open descriptor: closing the result closes {@code fd}. */
  public static Fd of(int fd) {
    if (fd < 0) {
      throw JpodException.invalid("invalid file descriptor: " + fd);
    }
    return new Fd(fd);
  }

  /** open(2); pass O_CLOEXEC unless the descriptor is meant to leak into exec'd children. */
  public static Fd open(String path, int flags, int mode) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = arena.allocateFrom(path);
      return new Fd((int) Libc.call("open " + path, st -> (int) OPEN.handle().invokeExact(st, p, flags, mode)));
    }
  }

  /** The descriptor number; stays the same after close, when it must no longer be used. */
  public int fd() {
    return fd;
  }

  /** Reads up to {@code len} bytes; -1 at end of file, 0 only if the fd is non-blocking and empty. */
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    int n = Math.min(len, MAX_CHUNK);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(n);
      long got = Libc.raw(st -> (long) READ.handle().invokeExact(st, live(), buf, (long) n));
      if (got == -Errno.EAGAIN) {
        return 0;
      }
      if (got < 0) {
        throw Libc.fail("read fd " + fd, (int) -got);
      }
      if (got == 0) {
        return -1;
      }
      MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, b, off, (int) got);
      return (int) got;
    }
  }

  /** Writes all {@code len} bytes, waiting for room if the fd is non-blocking. */
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(Math.max(1, len));
      MemorySegment.copy(b, off, buf, ValueLayout.JAVA_BYTE, 0, len);
      long done = 0;
      while (done < len) {
        MemorySegment rest = buf.asSlice(done);
        long left = len - done;
        long n = Libc.raw(st -> (long) WRITE.handle().invokeExact(st, live(), rest, left));
        if (n == -Errno.EAGAIN) {
          Processes.poll(fd, Processes.POLLOUT, -1);
        } else if (n < 0) {
          throw Libc.fail("write fd " + fd, (int) -n);
        } else {
          done += n;
        }
      }
    }
  }

  /** Switches O_NONBLOCK off ({@code true}) or on ({@code false}). */
  public void setBlocking(boolean blocking) {
    int flags = (int) Libc.call("fcntl fd " + fd, st -> (int) FCNTL.handle().invokeExact(st, live(), F_GETFL, 0));
    int wanted = blocking ? flags & ~O_NONBLOCK : flags | O_NONBLOCK;
    if (wanted != flags) {
      Libc.call("fcntl fd " + fd, st -> (int) FCNTL.handle().invokeExact(st, live(), F_SETFL, wanted));
    }
  }

  /** A close-on-exec duplicate that must be closed separately. */
  public Fd dup() {
    return dupAtLeast(0);
  }

  /** A close-on-exec duplicate numbered {@code min} or higher (Spawn uses it to move fds out of the way). */
  Fd dupAtLeast(int min) {
    return new Fd((int) Libc.call("dup fd " + fd, st -> (int) FCNTL.handle().invokeExact(st, live(), F_DUPFD_CLOEXEC, min)));
  }

  /** Closes the descriptor once; later calls do nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Not via Libc.raw: Linux releases the fd even when close reports EINTR, so a retry could close
    // a descriptor another thread has just been given.
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment st = arena.allocate(Libc.STATE);
      int rc = (int) CLOSE.handle().invokeExact(st, fd);
      if (rc != 0 && Errno.read(st) != Errno.EINTR) {
        throw Libc.fail("close fd " + fd, Errno.read(st));
      }
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /** A stream over this fd; closing the stream closes the fd. */
  public InputStream inputStream() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return len == 0 ? 0 : Fd.this.read(b, off, len);
        } catch (JpodException e) {
          throw new IOException(e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        Fd.this.close();
      }
    };
  }

  /** A stream over this fd; closing the stream closes the fd. */
  public OutputStream outputStream() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          Fd.this.write(b, off, len);
        } catch (JpodException e) {
          throw new IOException(e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        Fd.this.close();
      }
    };
  }

  @Override
  public String toString() {
    return "Fd[" + fd + (closed.get() ? ", closed]" : "]");
  }

  // Fails instead of touching a number the kernel may already have handed to someone else.
  private int live() {
    if (closed.get()) {
      throw JpodException.system("fd " + fd + ": file descriptor already closed");
    }
    return fd;
  }
}
