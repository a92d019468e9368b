package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Calls on inodes that the JDK lacks or makes unsafe for special files: mknod(2) for what layer tarballs
 * carry (character and block devices, fifos, and the 0:0 character devices overlayfs uses as
 * whiteouts), the glibc {@code dev_t} encoding, and chmod, lchown and utimensat by path. The JDK's
 * {@code Files.setAttribute(p, "unix:mode")} opens the file to fchmod it, which blocks on a fifo and
 * runs a device driver's open.
 */
public final class Nodes {
  public static final int S_IFMT = 0170000;
  public static final int S_IFSOCK = 0140000;
  public static final int S_IFLNK = 0120000;
  public static final int S_IFREG = 0100000;
  public static final int S_IFBLK = 060000;
  public static final int S_IFDIR = 040000;
  public static final int S_IFCHR = 020000;
  public static final int S_IFIFO = 010000;

  private static final int AT_FDCWD = -100;
  private static final int AT_SYMLINK_NOFOLLOW = 0x100;

  // C libraries before glibc 2.33 only export the versioned __xmknod.
  private static final Downcall MKNOD = Libc.errno("mknod", INT, PTR, INT, LONG);
  private static final Downcall XMKNOD = Libc.errno("__xmknod", INT, INT, PTR, INT, PTR);
  private static final Downcall FCHMODAT = Libc.errno("fchmodat", INT, INT, PTR, INT, INT);
  private static final Downcall FCHOWNAT = Libc.errno("fchownat", INT, INT, PTR, INT, INT, INT);
  private static final Downcall UTIMENSAT = Libc.errno("utimensat", INT, INT, PTR, PTR, INT);

  private Nodes() {}

  /**
   * chmod(2) by path, without opening the file. Follows a symlink in the last component (Linux cannot
   * chmod a link itself), so callers only use it on paths they just created as non-links.
   */
  public static void chmod(Path path, int mode) {
    String p = path.toString();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cpath = arena.allocateFrom(p);
      Libc.call("chmod " + p, st -> (int) FCHMODAT.handle().invokeExact(st, AT_FDCWD, cpath, mode, 0));
    }
  }

  /** lchown(2): the owner of {@code path} itself, never of a symlink's target. */
  public static void lchown(Path path, int uid, int gid) {
    String p = path.toString();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cpath = arena.allocateFrom(p);
      Libc.call("lchown " + p,
          st -> (int) FCHOWNAT.handle().invokeExact(st, AT_FDCWD, cpath, uid, gid, AT_SYMLINK_NOFOLLOW));
    }
  }

  /** Sets access and modification time of {@code path} itself (a symlink's own times, not its target's). */
  public static void setTimes(Path path, Instant atime, Instant mtime) {
    String p = path.toString();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cpath = arena.allocateFrom(p);
      MemorySegment times = arena.allocate(LONG, 4);
      times.setAtIndex(LONG, 0, atime.getEpochSecond());
      times.setAtIndex(LONG, 1, atime.getNano());
      times.setAtIndex(LONG, 2, mtime.getEpochSecond());
      times.setAtIndex(LONG, 3, mtime.getNano());
      Libc.call("utimensat " + p,
          st -> (int) UTIMENSAT.handle().invokeExact(st, AT_FDCWD, cpath, times, AT_SYMLINK_NOFOLLOW));
    }
  }

  /**
   * Creates the special file {@code path} (never following a symlink in its last component, which
   * mknod cannot do anyway); {@code mode} holds the type bits ({@link #S_IFCHR} …) and permissions,
   * which the umask still narrows, so callers chmod afterwards.
   */
  public static void mknod(Path path, int mode, long dev) {
    String p = path.toString();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment cpath = arena.allocateFrom(p);
      if (MKNOD.isPresent()) {
        Libc.call("mknod " + p, st -> (int) MKNOD.handle().invokeExact(st, cpath, mode, dev));
      } else {
        MemorySegment devp = arena.allocateFrom(LONG, dev);
        // _MKNOD_VER is 0 on every 64-bit Linux ABI jpod runs on.
        Libc.call("mknod " + p, st -> (int) XMKNOD.handle().invokeExact(st, 0, cpath, mode, devp));
      }
    }
  }

  /** glibc's makedev(3): the 64-bit {@code dev_t} for a major and minor number. */
  public static long makedev(long major, long minor) {
    return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
        | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
  }

  /** glibc's major(3). */
  public static int major(long dev) {
    return (int) (((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL));
  }

  /** glibc's minor(3). */
  public static int minor(long dev) {
    return (int) (((dev >>> 12) & 0xffffff00L) | (dev & 0xffL));
  }
}
