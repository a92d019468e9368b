package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;

import io.jpod.common.JpodException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** mount(2) and umount2(2), which the JDK has no API for. */
public final class Mount {
  public static final long MS_RDONLY = 1;
  public static final long MS_NOSUID = 2;
  public static final long MS_NODEV = 4;
  public static final long MS_NOEXEC = 8;
  public static final long MS_REMOUNT = 32;
  public static final long MS_BIND = 4096;
  public static final long MS_REC = 16384;
  public static final long MS_PRIVATE = 1 << 18;
  public static final long MS_SHARED = 1 << 20;
  public static final int MNT_DETACH = 2;

  private static final Downcall MOUNT = Libc.errno("mount", INT, PTR, PTR, PTR, LONG, PTR);
  private static final Downcall UMOUNT2 = Libc.errno("umount2", INT, PTR, INT);

  private Mount() {}

  /** Links this class's C functions ahead of their first call (see {@link Prelink}). */
  static void prelink() {
    Downcall.linkAll(MOUNT, UMOUNT2);
  }

  /** Mounts {@code source} on {@code target}; {@code data} may be null. */
  public static void mount(String source, String target, String fstype, long flags, String data) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.STATE);
      int rc =
          (int)
              MOUNT.handle().invokeExact(
                  state,
                  str(arena, source),
                  arena.allocateFrom(target),
                  str(arena, fstype),
                  flags,
                  str(arena, data));
      if (rc != 0) {
        throw JpodException.system(
            "mount " + target + ": " + Errno.describe(Errno.read(state)));
      }
    } catch (JpodException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** Unmounts {@code target}; returns false (and does nothing) if it was not mounted. */
  public static boolean unmount(String target, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Libc.STATE);
      int rc = (int) UMOUNT2.handle().invokeExact(state, arena.allocateFrom(target), flags);
      if (rc == 0) {
        return true;
      }
      int errno = Errno.read(state);
      if (errno == Errno.EINVAL || errno == Errno.ENOENT) {
        return false;
      }
      throw JpodException.system("unmount " + target + ": " + Errno.describe(errno));
    } catch (JpodException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MemorySegment str(Arena arena, String s) {
    return s == null ? MemorySegment.NULL : arena.allocateFrom(s);
  }
}
