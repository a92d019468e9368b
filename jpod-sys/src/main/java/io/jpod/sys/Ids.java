package io.jpod.sys;

import static io.jpod.sys.Libc.INT;


/** The process's user and group ids, which the JDK does not expose. */
public final class Ids {
  private static final Downcall GETUID = Libc.plain("getuid", INT);
  private static final Downcall GETEUID = Libc.plain("geteuid", INT);
  private static final Downcall GETGID = Libc.plain("getgid", INT);
  private static final Downcall GETEGID = Libc.plain("getegid", INT);

  private Ids() {}

  /** The real user id. */
  public static int getuid() {
    return get(GETUID);
  }

  /** The effective user id (0 when jpod runs as root). */
  public static int geteuid() {
    return get(GETEUID);
  }

  /** The real group id. */
  public static int getgid() {
    return get(GETGID);
  }

  /** The effective group id. */
  public static int getegid() {
    return get(GETEGID);
  }

  // These calls cannot fail.
  private static int get(Downcall h) {
    try {
      return (int) h.handle().invokeExact();
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }
}
