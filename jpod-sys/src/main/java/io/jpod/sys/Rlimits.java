package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;

import io.jpod.common.JpodException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;

/** Resource limits by podman's {@code --ulimit} names, read with getrlimit(2). */
public final class Rlimits {
  // Index = RLIMIT_* resource number on Linux.
  private static final List<String> NAMES =
      List.of(
          "cpu", "fsize", "data", "stack", "core", "rss", "nproc", "nofile", "memlock", "as", "locks",
          "sigpending", "msgqueue", "nice", "rtprio", "rttime");

  private static final Downcall GETRLIMIT = Libc.errno("getrlimit", INT, INT, PTR);

  private Rlimits() {}

  /** A soft and hard limit; -1 means unlimited (RLIM_INFINITY). */
  public record Limit(long soft, long hard) {}

  /** This process's current limit for a ulimit name such as "nofile". */
  public static Limit get(String name) {
    int resource = resource(name);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment rlim = arena.allocate(LONG, 2);
      Libc.call("getrlimit " + name, st -> (int) GETRLIMIT.handle().invokeExact(st, resource, rlim));
      // RLIM_INFINITY is ~0UL, which reads as -1 in a signed long.
      return new Limit(rlim.getAtIndex(LONG, 0), rlim.getAtIndex(LONG, 1));
    }
  }

  /** The OCI runtime-spec type for a ulimit name, e.g. "nofile" → "RLIMIT_NOFILE". */
  public static String ociType(String name) {
    return "RLIMIT_" + NAMES.get(resource(name)).toUpperCase(Locale.ROOT);
  }

  private static int resource(String name) {
    int i = name == null ? -1 : NAMES.indexOf(name.toLowerCase(Locale.ROOT));
    if (i < 0) {
      throw JpodException.invalid("invalid ulimit type: " + name);
    }
    return i;
  }
}
