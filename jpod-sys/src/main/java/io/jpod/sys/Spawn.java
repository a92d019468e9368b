package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.PTR;
import static io.jpod.sys.Libc.SHORT;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * posix_spawn(3) with exact control over the child's file descriptors, which ProcessBuilder cannot
 * give (it only passes stdin/stdout/stderr) and conmon needs (sync pipes, start pipe, log fds).
 */
public final class Spawn {
  // glibc x86_64 sizes are 80 and 336 bytes; allocating more costs nothing and guards against growth.
  private static final long FILE_ACTIONS_SIZE = 256;
  private static final long ATTR_SIZE = 1024;
  private static final long SIGSET_SIZE = 128;
  private static final short POSIX_SPAWN_SETPGROUP = 0x02;
  private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
  private static final short POSIX_SPAWN_SETSIGMASK = 0x08;

  private static final Downcall SPAWN = Libc.plain("posix_spawn", INT, PTR, PTR, PTR, PTR, PTR, PTR);
  private static final Downcall FA_INIT = Libc.plain("posix_spawn_file_actions_init", INT, PTR);
  private static final Downcall FA_DESTROY = Libc.plain("posix_spawn_file_actions_destroy", INT, PTR);
  private static final Downcall FA_DUP2 = Libc.plain("posix_spawn_file_actions_adddup2", INT, PTR, INT, INT);
  // Linked errno-capturing although they report errors by return value: pipe2 and umount2 link the
  // same shape anyway, and each new shape costs a fresh JVM milliseconds of class spinning.
  private static final Downcall FA_CLOSE = Libc.errno("posix_spawn_file_actions_addclose", INT, PTR, INT);
  // glibc 2.34 and 2.29 added these; older ones lack them.
  private static final Downcall FA_CLOSEFROM = Libc.errno("posix_spawn_file_actions_addclosefrom_np", INT, PTR, INT);
  private static final Downcall FA_CHDIR = Libc.plain("posix_spawn_file_actions_addchdir_np", INT, PTR, PTR);
  private static final Downcall ATTR_INIT = Libc.plain("posix_spawnattr_init", INT, PTR);
  private static final Downcall ATTR_DESTROY = Libc.plain("posix_spawnattr_destroy", INT, PTR);
  private static final Downcall ATTR_FLAGS = Libc.plain("posix_spawnattr_setflags", INT, PTR, SHORT);
  private static final Downcall ATTR_PGROUP = Libc.errno("posix_spawnattr_setpgroup", INT, PTR, INT);
  private static final Downcall ATTR_SIGMASK = Libc.plain("posix_spawnattr_setsigmask", INT, PTR, PTR);
  private static final Downcall ATTR_SIGDEF = Libc.plain("posix_spawnattr_setsigdefault", INT, PTR, PTR);
  private static final Downcall SIGEMPTYSET = Libc.plain("sigemptyset", INT, PTR);
  private static final Downcall SIGFILLSET = Libc.plain("sigfillset", INT, PTR);

  private Spawn() {}

  /** Links this class's C functions ahead of their first call (see {@link Prelink}). */
  static void prelink() {
    Downcall.linkAll(SPAWN, FA_INIT, FA_DESTROY, FA_DUP2, FA_CLOSE, FA_CLOSEFROM, FA_CHDIR, ATTR_INIT,
        ATTR_DESTROY, ATTR_FLAGS, ATTR_PGROUP, ATTR_SIGMASK, ATTR_SIGDEF, SIGEMPTYSET, SIGFILLSET);
  }

  /**
   * Starts {@code path} (no PATH search) and returns its pid. {@code childFds} maps child fd numbers
   * to parent fds; unmapped fds 0-2 are inherited and every other parent fd is closed in the child.
   * A null {@code env} passes the JVM's environment. The signal mask is emptied and all signal
   * dispositions reset to default, because the JVM blocks or ignores some signals. Reap the child
   * with {@link Processes#waitpid}.
   */
  public static int spawn(
      String path, List<String> argv, List<String> env, Map<Integer, Fd> childFds, boolean newProcessGroup) {
    return spawn(path, argv, env, childFds, newProcessGroup, null);
  }

  /**
   * {@link #spawn(String, List, List, Map, boolean)} with the child starting in {@code cwd} (null: the
   * JVM's); needs glibc 2.29, older ones keep the JVM's directory.
   */
  public static int spawn(String path, List<String> argv, List<String> env, Map<Integer, Fd> childFds,
      boolean newProcessGroup, Path cwd) {
    String what = "spawn " + path;
    int maxTarget = 2;
    for (int target : childFds.keySet()) {
      if (target < 0) {
        throw JpodException.invalid("invalid child fd: " + target);
      }
      maxTarget = Math.max(maxTarget, target);
    }
    List<Fd> moved = new ArrayList<>();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
      MemorySegment attr = arena.allocate(ATTR_SIZE, 16);
      MemorySegment unread = arena.allocate(Libc.STATE);
      check(what, (int) FA_INIT.handle().invokeExact(actions));
      try {
        check(what, (int) ATTR_INIT.handle().invokeExact(attr));
        try {
          for (var e : new TreeMap<>(childFds).entrySet()) {
            int source = e.getValue().fd();
            if (source <= maxTarget) {
              // A source numbered like some target could be overwritten by an earlier dup2 (fd swaps),
              // and dup2 onto itself would keep FD_CLOEXEC; a copy above every target avoids both.
              Fd copy = e.getValue().dupAtLeast(maxTarget + 1);
              moved.add(copy);
              source = copy.fd();
            }
            check(what, (int) FA_DUP2.handle().invokeExact(actions, source, (int) e.getKey()));
          }
          for (int fd = 3; fd <= maxTarget; fd++) {
            if (!childFds.containsKey(fd)) {
              check(what, (int) FA_CLOSE.handle().invokeExact(unread, actions, fd));
            }
          }
          closeFrom(what, unread, actions, maxTarget + 1);
          if (cwd != null && FA_CHDIR.isPresent()) {
            check(what, (int) FA_CHDIR.handle().invokeExact(actions, arena.allocateFrom(cwd.toString())));
          }
          setAttributes(what, arena, unread, attr, newProcessGroup);
          MemorySegment pid = arena.allocate(INT);
          check(
              what,
              (int)
                  SPAWN.handle().invokeExact(
                      pid, arena.allocateFrom(path), actions, attr, strings(arena, argv), environment(arena, env)));
          return pid.get(INT, 0);
        } finally {
          int ignored = (int) ATTR_DESTROY.handle().invokeExact(attr);
        }
      } finally {
        int ignored = (int) FA_DESTROY.handle().invokeExact(actions);
        moved.forEach(Fd::close);
      }
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  // Runs after the dup2s, so it only drops what the JVM left open without FD_CLOEXEC.
  private static void closeFrom(String what, MemorySegment unread, MemorySegment actions, int from) throws Throwable {
    if (FA_CLOSEFROM.isPresent()) {
      check(what, (int) FA_CLOSEFROM.handle().invokeExact(unread, actions, from));
      return;
    }
    // Before glibc 2.34: close what is open now; glibc ignores closing an fd that is not open.
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (int fd : fds.mapToInt(p -> Integer.parseInt(p.getFileName().toString())).toArray()) {
        if (fd >= from) {
          check(what, (int) FA_CLOSE.handle().invokeExact(unread, actions, fd));
        }
      }
    } catch (IOException e) {
      throw JpodException.system(what + ": listing open fds: " + e.getMessage(), e);
    }
  }

  private static void setAttributes(
      String what, Arena arena, MemorySegment unread, MemorySegment attr, boolean newProcessGroup)
      throws Throwable {
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (newProcessGroup) {
      flags |= POSIX_SPAWN_SETPGROUP;
      check(what, (int) ATTR_PGROUP.handle().invokeExact(unread, attr, 0));
    }
    check(what, (int) ATTR_FLAGS.handle().invokeExact(attr, flags));
    MemorySegment empty = arena.allocate(SIGSET_SIZE, 8);
    check(what, (int) SIGEMPTYSET.handle().invokeExact(empty));
    check(what, (int) ATTR_SIGMASK.handle().invokeExact(attr, empty));
    // Every signal back to SIG_DFL: ignored ones (SIG_IGN) would otherwise survive exec.
    MemorySegment all = arena.allocate(SIGSET_SIZE, 8);
    check(what, (int) SIGFILLSET.handle().invokeExact(all));
    check(what, (int) ATTR_SIGDEF.handle().invokeExact(attr, all));
  }

  private static MemorySegment environment(Arena arena, List<String> env) {
    if (env != null) {
      return strings(arena, env);
    }
    return Libc.global("environ", PTR.byteSize()).get(PTR, 0);
  }

  // A NULL-terminated char *[] as argv and envp need.
  private static MemorySegment strings(Arena arena, List<String> list) {
    MemorySegment array = arena.allocate(PTR, list.size() + 1L);
    for (int i = 0; i < list.size(); i++) {
      array.setAtIndex(PTR, i, arena.allocateFrom(list.get(i)));
    }
    array.setAtIndex(PTR, list.size(), MemorySegment.NULL);
    return array;
  }

  // posix_spawn and its helpers return an errno value instead of setting errno.
  private static void check(String what, int rc) {
    if (rc != 0) {
      throw Libc.fail(what, rc);
    }
  }
}
