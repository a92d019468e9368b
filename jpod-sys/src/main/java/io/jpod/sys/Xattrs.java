package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extended attributes of a path itself, never of a symlink's target (the {@code l*xattr} calls): the
 * JDK's UserDefinedFileAttributeView only reaches the {@code user.} namespace and follows links, while
 * layers need {@code trusted.overlay.*} and {@code security.capability} on any file type.
 */
public final class Xattrs {
  /** lsetxattr flag: fail if the attribute exists. */
  public static final int XATTR_CREATE = 1;
  /** lsetxattr flag: fail if the attribute does not exist. */
  public static final int XATTR_REPLACE = 2;

  private static final Downcall LSET = Libc.errno("lsetxattr", INT, PTR, PTR, PTR, LONG, INT);
  private static final Downcall LGET = Libc.errno("lgetxattr", LONG, PTR, PTR, PTR, LONG);
  private static final Downcall LLIST = Libc.errno("llistxattr", LONG, PTR, PTR, LONG);
  private static final Downcall LREMOVE = Libc.errno("lremovexattr", INT, PTR, PTR);

  private Xattrs() {}

  /** Sets {@code name} on {@code path}; throws {@code JpodException.system} on failure. */
  public static void set(Path path, String name, byte[] value) {
    int errno = trySet(path, name, value);
    if (errno != 0) {
      throw Libc.fail("lsetxattr " + name + " " + path, errno);
    }
  }

  /**
   * Sets {@code name} on {@code path} and returns 0, or the errno of the failure: callers decide which
   * failures they tolerate (ENOTSUP for an unsupported namespace, EPERM for {@code user.} on a symlink).
   */
  public static int trySet(Path path, String name, byte[] value) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = arena.allocateFrom(path.toString());
      MemorySegment n = arena.allocateFrom(name);
      MemorySegment v = arena.allocate(Math.max(1, value.length));
      MemorySegment.copy(value, 0, v, ValueLayout.JAVA_BYTE, 0, value.length);
      long size = value.length;
      long rc = Libc.raw(st -> (int) LSET.handle().invokeExact(st, p, n, v, size, 0));
      return rc < 0 ? (int) -rc : 0;
    }
  }

  /** The value of {@code name}, or empty if it is not set or the filesystem has no xattrs. */
  public static Optional<byte[]> get(Path path, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = arena.allocateFrom(path.toString());
      MemorySegment n = arena.allocateFrom(name);
      while (true) {
        long size = Libc.raw(st -> (long) LGET.handle().invokeExact(st, p, n, MemorySegment.NULL, 0L));
        if (size == -Errno.ENODATA || size == -Errno.ENOTSUP) {
          return Optional.empty();
        }
        if (size < 0) {
          throw Libc.fail("lgetxattr " + name + " " + path, (int) -size);
        }
        MemorySegment buf = arena.allocate(Math.max(1, size));
        long got = Libc.raw(st -> (long) LGET.handle().invokeExact(st, p, n, buf, size));
        if (got == -Errno.ERANGE) {
          continue; // grew between the two calls
        }
        if (got == -Errno.ENODATA) {
          return Optional.empty();
        }
        if (got < 0) {
          throw Libc.fail("lgetxattr " + name + " " + path, (int) -got);
        }
        return Optional.of(buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE));
      }
    }
  }

  /** The names of the attributes of {@code path}, in the kernel's order; empty if unsupported. */
  public static List<String> list(Path path) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = arena.allocateFrom(path.toString());
      while (true) {
        long size = Libc.raw(st -> (long) LLIST.handle().invokeExact(st, p, MemorySegment.NULL, 0L));
        if (size == -Errno.ENOTSUP) {
          return List.of();
        }
        if (size < 0) {
          throw Libc.fail("llistxattr " + path, (int) -size);
        }
        if (size == 0) {
          return List.of();
        }
        MemorySegment buf = arena.allocate(size);
        long got = Libc.raw(st -> (long) LLIST.handle().invokeExact(st, p, buf, size));
        if (got == -Errno.ERANGE) {
          continue;
        }
        if (got < 0) {
          throw Libc.fail("llistxattr " + path, (int) -got);
        }
        // A sequence of NUL-terminated names.
        byte[] names = buf.asSlice(0, got).toArray(ValueLayout.JAVA_BYTE);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < names.length; i++) {
          if (names[i] == 0) {
            if (i > start) {
              out.add(new String(names, start, i - start, StandardCharsets.UTF_8));
            }
            start = i + 1;
          }
        }
        return out;
      }
    }
  }

  /** Removes {@code name} from {@code path}; an attribute that is not set is fine. */
  public static void remove(Path path, String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment p = arena.allocateFrom(path.toString());
      MemorySegment n = arena.allocateFrom(name);
      long rc = Libc.raw(st -> (int) LREMOVE.handle().invokeExact(st, p, n));
      if (rc < 0 && rc != -Errno.ENODATA) {
        throw Libc.fail("lremovexattr " + name + " " + path, (int) -rc);
      }
    }
  }
}
