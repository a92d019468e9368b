package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Both ends of a close-on-exec pipe(2); hand an end to {@link Spawn} to give it to a child. */
public record Pipe(Fd read, Fd write) implements AutoCloseable {
  private static final Downcall PIPE2 = Libc.errno("pipe2", INT, PTR, INT);

  /** Links this class's C functions ahead of their first call (see {@link Prelink}). */
  static void prelink() {
    Downcall.linkAll(PIPE2);
  }

  /** pipe2(O_CLOEXEC), so neither end leaks into children that were not given it explicitly. */
  public static Pipe open() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fds = arena.allocate(INT, 2);
      Libc.call("pipe", st -> (int) PIPE2.handle().invokeExact(st, fds, Fd.O_CLOEXEC));
      return new Pipe(Fd.of(fds.getAtIndex(INT, 0)), Fd.of(fds.getAtIndex(INT, 1)));
    }
  }

  /** Closes both ends (each close is idempotent). */
  @Override
  public void close() {
    try {
      read.close();
    } finally {
      write.close();
    }
  }
}
