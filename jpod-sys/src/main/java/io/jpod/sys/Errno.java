package io.jpod.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

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

  private static final VarHandle ERRNO =
      Linker.Option.captureStateLayout()
          .varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
  private static final MethodHandle STRERROR =
      Linker.nativeLinker()
          .downcallHandle(
              Linker.nativeLinker().defaultLookup().find("strerror").orElseThrow(),
              FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

  private Errno() {}

  /** Reads errno from a call-state segment captured with {@code Linker.Option.captureCallState("errno")}. */
  public static int read(MemorySegment callState) {
    return (int) ERRNO.get(callState, 0L);
  }

  /** The C library's text for an errno value, in lower case as Go and podman print it. */
  public static String describe(int errno) {
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      String text = s.reinterpret(1024).getString(0);
      return text.isEmpty() ? "errno " + errno : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }
}
