package io.jpod.core.filesystem;

import io.jpod.sys.Errno;
import io.jpod.sys.Fd;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A directory held open as an {@code O_PATH} descriptor, and the paths below it opened with
 * openat2(2). Whatever a container does to the paths meanwhile (swapping a directory for a symlink to
 * "/"), a descriptor keeps naming the directory it was opened on, and openat2's resolve flags keep every
 * lookup inside: {@link #IN_ROOT} follows symlinks as if the directory were "/", {@link #BENEATH}
 * refuses symlinks and "..". Java's file API then works on {@code /proc/self/fd/N/name}, one
 * component below a pinned directory, with NOFOLLOW_LINKS where the last component matters.
 */
final class DirFd implements AutoCloseable {
  private static final long RESOLVE_NO_MAGICLINKS = 0x02;
  private static final long RESOLVE_NO_SYMLINKS = 0x04;
  private static final long RESOLVE_BENEATH = 0x08;
  private static final long RESOLVE_IN_ROOT = 0x10;
  /** Symlinks are followed, but resolved as if this directory were the root; ".." stops at it. */
  static final long IN_ROOT = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  /** No symlinks at all and no ".." above this directory: walking a tree that was just listed. */
  static final long BENEATH = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;

  private static final int ELOOP = 40;
  private static final int EXDEV = 18;
  private static final int ENOSYS = 38;
  private static final long SYS_OPENAT2 = 437; // the same number on every Linux architecture
  private static final int O_PATH_DIR = Fd.O_PATH | Fd.O_DIRECTORY | Fd.O_CLOEXEC;

  private final Fd fd;
  private final String label;

  private DirFd(Fd fd, String label) {
    this.fd = fd;
    this.label = label;
  }

  /** Opens a host directory (following symlinks: the host side is the caller's own). */
  static DirFd open(Path dir) throws IOException {
    try {
      return new DirFd(Fd.open(dir.toString(), O_PATH_DIR, 0), dir.toString());
    } catch (io.jpod.common.JpodException e) {
      throw new FileSystemException(dir.toString(), null, e.getMessage());
    }
  }

  /** Opens the directory {@code rel} below this one with the given resolve flags. */
  DirFd openDir(String rel, long resolve) throws IOException {
    return new DirFd(Fd.of(openat2(rel, O_PATH_DIR, resolve)), label + "/" + rel);
  }

  /** {@code /proc/self/fd/N}: this directory, whatever its path is now. */
  Path path() {
    return Path.of("/proc/self/fd/" + fd.fd());
  }

  /** A direct child of this directory ({@code name} must be one component). */
  Path child(String name) {
    if (name.isEmpty() || name.contains("/") || name.equals("..")) {
      throw new IllegalArgumentException("not a single path component: " + name);
    }
    return path().resolve(name);
  }

  @Override
  public void close() {
    fd.close();
  }

  private int openat2(String rel, int flags, long resolve) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment path = arena.allocateFrom(rel);
      MemorySegment how = arena.allocate(24);
      how.set(ValueLayout.JAVA_LONG, 0, flags);
      how.set(ValueLayout.JAVA_LONG, 8, 0L);
      how.set(ValueLayout.JAVA_LONG, 16, resolve);
      MemorySegment state = arena.allocate(Native.STATE);
      while (true) {
        long rc = (long) Native.SYSCALL.invokeExact(state, SYS_OPENAT2, (long) fd.fd(), path, how, 24L);
        if (rc >= 0) {
          return (int) rc;
        }
        int errno = Errno.read(state);
        if (errno != Errno.EINTR && errno != Errno.EAGAIN) {
          throw failure(rel, errno);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private FileSystemException failure(String rel, int errno) {
    String file = label + "/" + rel;
    return switch (errno) {
      case Errno.ENOENT -> new NoSuchFileException(file);
      case Errno.ENOTDIR -> new NotDirectoryException(file);
      case ELOOP, EXDEV -> new FileSystemException(file, null, "path escapes its root or passes a symbolic link");
      case ENOSYS -> new FileSystemException(file, null, "openat2 is not supported by this kernel (Linux 5.6 or newer is needed)");
      default -> new FileSystemException(file, null, Errno.describe(errno));
    };
  }

  /** The {@code syscall(2)} downcall, linked on first use. */
  // Linking native code is restricted by design; jpod runs with --enable-native-access.
  @SuppressWarnings("restricted")
  private static final class Native {
    static final StructLayout STATE = Linker.Option.captureStateLayout();
    static final MethodHandle SYSCALL = Linker.nativeLinker().downcallHandle(
        Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
        Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
  }
}
