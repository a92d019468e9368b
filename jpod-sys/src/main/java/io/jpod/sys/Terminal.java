package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/** Terminal control for {@code podman run -it} / attach: tty detection, raw mode and window size. */
public final class Terminal {
  // struct termios is 60 bytes on Linux/glibc; the spare bytes are never read.
  private static final int TERMIOS_SIZE = 64;
  private static final int TCSANOW = 0;
  private static final long TIOCGWINSZ = 0x5413;

  // errno-capturing only to share the shape close(2) links anyway; isatty's errno is not read.
  private static final Downcall ISATTY = Libc.errno("isatty", INT, INT);
  private static final Downcall TCGETATTR = Libc.errno("tcgetattr", INT, INT, PTR);
  private static final Downcall TCSETATTR = Libc.errno("tcsetattr", INT, INT, INT, PTR);
  private static final Downcall CFMAKERAW = Libc.plain("cfmakeraw", null, PTR);
  private static final Downcall IOCTL = Libc.variadic("ioctl", 2, INT, INT, LONG, PTR);

  private Terminal() {}

  /** The terminal settings saved by {@link #makeRaw}, as the raw bytes of a struct termios. */
  public record TermState(byte[] termios) {
    public TermState {
      termios = termios.clone();
    }

    @Override
    public byte[] termios() {
      return termios.clone();
    }
  }

  /** A terminal's size in character cells. */
  public record WinSize(int rows, int cols) {}

  /** Whether {@code fd} refers to a terminal. */
  public static boolean isatty(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      return (int) ISATTY.handle().invokeExact(arena.allocate(Libc.STATE), fd) == 1;
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /** Puts the terminal into raw mode (cfmakeraw) and returns the previous settings for {@link #restore}. */
  public static TermState makeRaw(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment termios = arena.allocate(TERMIOS_SIZE, 8);
      Libc.call("tcgetattr fd " + fd, st -> (int) TCGETATTR.handle().invokeExact(st, fd, termios));
      TermState saved = new TermState(termios.toArray(ValueLayout.JAVA_BYTE));
      CFMAKERAW.handle().invokeExact(termios);
      Libc.call("tcsetattr fd " + fd, st -> (int) TCSETATTR.handle().invokeExact(st, fd, TCSANOW, termios));
      return saved;
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /** Puts back settings returned by {@link #makeRaw}. */
  public static void restore(int fd, TermState saved) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment termios = arena.allocate(TERMIOS_SIZE, 8);
      MemorySegment.copy(saved.termios, 0, termios, ValueLayout.JAVA_BYTE, 0, saved.termios.length);
      Libc.call("tcsetattr fd " + fd, st -> (int) TCSETATTR.handle().invokeExact(st, fd, TCSANOW, termios));
    }
  }

  /** The window size via TIOCGWINSZ; empty if {@code fd} is not a terminal or reports no size. */
  public static Optional<WinSize> windowSize(int fd) {
    try (Arena arena = Arena.ofConfined()) {
      // struct winsize: unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel.
      MemorySegment ws = arena.allocate(8, 2);
      long rc = Libc.raw(st -> (int) IOCTL.handle().invokeExact(st, fd, TIOCGWINSZ, ws));
      int rows = Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 0));
      int cols = Short.toUnsignedInt(ws.get(ValueLayout.JAVA_SHORT, 2));
      return rc < 0 || (rows == 0 && cols == 0) ? Optional.empty() : Optional.of(new WinSize(rows, cols));
    }
  }
}
