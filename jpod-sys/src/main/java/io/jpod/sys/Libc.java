package io.jpod.sys;

import io.jpod.common.JpodException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/** Shared downcall plumbing: layouts, {@link Downcall} factories and errno-checking call helpers. */
final class Libc {
  static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
  static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
  static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT;
  static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
  static final java.lang.foreign.AddressLayout PTR = ValueLayout.ADDRESS;
  static final StructLayout STATE = Linker.Option.captureStateLayout();

  private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

  private Libc() {}

  /** A native call that receives the errno call-state segment as its first argument. */
  @FunctionalInterface
  interface Call {
    long invoke(MemorySegment state) throws Throwable;
  }

  /** A function whose handle takes the errno capture segment first; {@code ret} null means void. */
  static Downcall errno(String name, MemoryLayout ret, MemoryLayout... args) {
    return new Downcall(name, descriptor(ret, args), ERRNO);
  }

  /**
   * Like {@link #errno} for a C variadic function: the fixed parameters come first and the rest are
   * passed as variadic arguments, which the ABI may treat differently from fixed ones.
   */
  static Downcall variadic(String name, int fixedArgs, MemoryLayout ret, MemoryLayout... args) {
    return new Downcall(name, descriptor(ret, args), ERRNO, Linker.Option.firstVariadicArg(fixedArgs));
  }

  /**
   * A function that reports errors through its return value (or cannot fail); also one that older C
   * libraries lack, which {@link Downcall#isPresent} tells.
   */
  static Downcall plain(String name, MemoryLayout ret, MemoryLayout... args) {
    return new Downcall(name, descriptor(ret, args));
  }

  /** The address of a C global variable such as {@code environ}. */
  static MemorySegment global(String name, long size) {
    return Downcall.global(name, size);
  }

  /**
   * Runs a call that returns -1 and sets errno on failure, retrying on EINTR; returns the call's
   * result, or the negated errno when it failed.
   */
  static long raw(Call call) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(STATE);
      while (true) {
        long rc = call.invoke(state);
        if (rc != -1) {
          return rc;
        }
        int errno = Errno.read(state);
        if (errno != Errno.EINTR) {
          return -errno;
        }
      }
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Like {@link #raw} but throws {@code JpodException.system("<what>: <strerror>")} on failure. */
  static long call(String what, Call call) {
    long rc = raw(call);
    if (rc < 0) {
      throw fail(what, (int) -rc);
    }
    return rc;
  }

  /** The one-line failure jpod reports for a system call. */
  static JpodException fail(String what, int errno) {
    return JpodException.system(what + ": " + Errno.describe(errno));
  }

  /** Unchecked exceptions pass through; checked ones from invokeExact cannot really happen. */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  private static FunctionDescriptor descriptor(MemoryLayout ret, MemoryLayout... args) {
    return ret == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(ret, args);
  }
}
