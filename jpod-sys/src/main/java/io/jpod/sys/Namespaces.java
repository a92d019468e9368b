package io.jpod.sys;

import static io.jpod.sys.Libc.INT;


/** unshare(2) and setns(2) for the calling thread. */
public final class Namespaces {
  public static final int CLONE_NEWNET = 0x40000000;

  private static final Downcall UNSHARE = Libc.errno("unshare", INT, INT);
  private static final Downcall SETNS = Libc.errno("setns", INT, INT, INT);

  private Namespaces() {}

  /** Moves the calling thread (only it: namespaces are per task) into new namespaces of {@code flags}. */
  public static void unshare(int flags) {
    Libc.call("unshare", st -> (int) UNSHARE.handle().invokeExact(st, flags));
  }

  /** Moves the calling thread into the namespace open at {@code fd}. */
  public static void setns(Fd fd, int nstype) {
    Libc.call("setns", st -> (int) SETNS.handle().invokeExact(st, fd.fd(), nstype));
  }
}
