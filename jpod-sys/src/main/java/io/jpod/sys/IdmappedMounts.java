package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kernel idmapped mounts (open_tree, mount_setattr with MOUNT_ATTR_IDMAP, move_mount): a bind mount
 * through which files owned by host id N appear owned by the id N maps to in a user namespace, without
 * touching the files. glibc has no wrappers for these calls, so they go through syscall(2).
 */
public final class IdmappedMounts {
  private static final long SYS_OPEN_TREE = 428;
  private static final long SYS_MOVE_MOUNT = 429;
  private static final long SYS_MOUNT_SETATTR = 442;
  private static final int AT_FDCWD = -100;
  private static final int AT_EMPTY_PATH = 0x1000;
  private static final int AT_RECURSIVE = 0x8000;
  private static final int OPEN_TREE_CLONE = 1;
  private static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
  private static final long MOUNT_ATTR_IDMAP = 0x00100000L;

  private static final Downcall OPEN_TREE = Libc.variadic("syscall", 1, LONG, LONG, INT, PTR, INT);
  private static final Downcall MOUNT_SETATTR = Libc.variadic("syscall", 1, LONG, LONG, INT, PTR, INT, PTR, LONG);
  private static final Downcall MOVE_MOUNT = Libc.variadic("syscall", 1, LONG, LONG, INT, PTR, INT, PTR, INT);

  private IdmappedMounts() {}

  /**
   * A user namespace with the given mappings, held open by its file descriptor. A multi-threaded
   * process cannot unshare a user namespace itself, so a short-lived child does and the maps are
   * written from here; the namespace lives on through the returned fd after the child is gone.
   */
  public static Fd userNamespace(List<IdMap> uidMap, List<IdMap> gidMap) {
    Process child;
    try {
      child = new ProcessBuilder("unshare", "--user", "sleep", "60")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw JpodException.system("creating a user namespace: " + e.getMessage(), e);
    }
    try {
      Path proc = Path.of("/proc", Long.toString(child.pid()));
      String own = Files.readSymbolicLink(Path.of("/proc/self/ns/user")).toString();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (Files.readSymbolicLink(proc.resolve("ns/user")).toString().equals(own)) {
        if (!child.isAlive() || System.nanoTime() > deadline) {
          throw JpodException.system("creating a user namespace: unshare --user did not start");
        }
        Thread.sleep(1);
      }
      Files.writeString(proc.resolve("uid_map"), lines(uidMap));
      Files.writeString(proc.resolve("gid_map"), lines(gidMap));
      return Fd.open(proc.resolve("ns/user").toString(), Fd.O_RDONLY | Fd.O_CLOEXEC, 0);
    } catch (IOException e) {
      throw JpodException.system("creating a user namespace: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JpodException.system("creating a user namespace: interrupted", e);
    } finally {
      child.destroyForcibly();
    }
  }

  private static String lines(List<IdMap> maps) {
    StringBuilder sb = new StringBuilder();
    maps.forEach(m -> sb.append(m.containerId()).append(' ').append(m.hostId()).append(' ').append(m.size()).append('\n'));
    return sb.toString();
  }

  /** Bind-mounts {@code source} on {@code target} (an existing directory) idmapped through {@code userns}. */
  public static void bind(String source, String target, Fd userns) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment src = arena.allocateFrom(source);
      MemorySegment empty = arena.allocateFrom("");
      MemorySegment dst = arena.allocateFrom(target);
      int flags = OPEN_TREE_CLONE | Fd.O_CLOEXEC | AT_RECURSIVE;
      int tree = (int) Libc.call("open_tree " + source,
          st -> (long) OPEN_TREE.handle().invokeExact(st, SYS_OPEN_TREE, AT_FDCWD, src, flags));
      try (Fd treeFd = Fd.of(tree)) {
        MemorySegment attr = arena.allocate(LONG, 4); // struct mount_attr
        attr.setAtIndex(LONG, 0, MOUNT_ATTR_IDMAP);
        attr.setAtIndex(LONG, 3, userns.fd());
        Libc.call("mount_setattr " + source, st -> (long) MOUNT_SETATTR.handle().invokeExact(
            st, SYS_MOUNT_SETATTR, tree, empty, AT_EMPTY_PATH, attr, 32L));
        Libc.call("move_mount " + target, st -> (long) MOVE_MOUNT.handle().invokeExact(
            st, SYS_MOVE_MOUNT, tree, empty, AT_FDCWD, dst, MOVE_MOUNT_F_EMPTY_PATH));
      }
    }
  }
}
