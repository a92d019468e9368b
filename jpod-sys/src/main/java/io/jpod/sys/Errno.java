package io.jpod.sys;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** errno values jpod checks for, and their text (strerror). */
public final class Errno {
  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int EACCES = 13;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int ENOTDIR = 20;
  public static final int EINVAL = 22;
  public static final int ERANGE = 34;
  public static final int ENODATA = 61;
  /** Also EOPNOTSUPP on Linux: the filesystem does not support the operation (e.g. an xattr namespace). */
  public static final int ENOTSUP = 95;

  // Read as a plain int at its offset: the int accessor is in use anyway, a struct-member VarHandle is not.
  private static final long ERRNO_OFFSET = Libc.STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
  // Only failures need it, and most commands see none.
  private static final Downcall STRERROR = Libc.plain("strerror", Libc.PTR, Libc.INT);

  private Errno() {}

  /** Reads errno from a call-state segment captured with {@code Linker.Option.captureCallState("errno")}. */
  public static int read(MemorySegment callState) {
    return callState.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
  }

  /** The C library's text for an errno value, in lower case as Go and podman print it. */
  public static String describe(int errno) {
    try {
      MemorySegment s = (MemorySegment) STRERROR.handle().invokeExact(errno);
      String text = s.reinterpret(1024).getString(0);
      return text.isEmpty() ? "errno " + errno : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }
}
