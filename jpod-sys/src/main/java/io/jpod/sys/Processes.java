package io.jpod.sys;

import static io.jpod.sys.Libc.INT;
import static io.jpod.sys.Libc.LONG;
import static io.jpod.sys.Libc.PTR;
import static io.jpod.sys.Libc.SHORT;

import io.jpod.common.JpodException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/** Process control the JDK lacks for processes it did not start: waitpid, kill, pidfds, poll, signals. */
public final class Processes {
  // Linux x86_64 signal numbers.
  public static final int SIGHUP = 1;
  public static final int SIGINT = 2;
  public static final int SIGQUIT = 3;
  public static final int SIGABRT = 6;
  public static final int SIGKILL = 9;
  public static final int SIGUSR1 = 10;
  public static final int SIGUSR2 = 12;
  public static final int SIGPIPE = 13;
  public static final int SIGALRM = 14;
  public static final int SIGTERM = 15;
  public static final int SIGCHLD = 17;
  public static final int SIGCONT = 18;
  public static final int SIGSTOP = 19;
  public static final int SIGTSTP = 20;
  public static final int SIGWINCH = 28;
  public static final int SIGRTMIN = 34;
  public static final int SIGRTMAX = 64;

  static final short POLLIN = 1;
  static final short POLLOUT = 4;

  // Index = signal number; the names podman's signal map accepts, without "SIG".
  private static final String[] NAMES = {
    null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
    "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
    "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"
  };
  private static final long SYS_PIDFD_OPEN = 434;

  private static final Downcall WAITPID = Libc.errno("waitpid", INT, INT, PTR, INT);
  private static final Downcall KILL = Libc.errno("kill", INT, INT, INT);
  private static final Downcall POLL = Libc.errno("poll", INT, PTR, LONG, INT);
  private static final Downcall SYSCALL = Libc.variadic("syscall", 1, LONG, LONG, LONG, LONG);
  private static final Downcall SIGACTION = Libc.errno("sigaction", INT, INT, PTR, PTR);
  // glibc's struct sigaction on x86_64: handler, 128-byte mask, flags, restorer
  private static final long SIGACTION_SIZE = 152;
  private static final long SIG_IGN = 1;

  private Processes() {}

  /** Links this class's C functions ahead of their first call (see {@link Prelink}). */
  static void prelink() {
    Downcall.linkAll(WAITPID, KILL, POLL, SYSCALL, SIGACTION);
  }

  /**
   * Waits for a child of this JVM to end and returns its exit code, or 128 + the signal that killed
   * it, as a shell reports it.
   */
  public static int waitpid(int pid) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment status = arena.allocate(INT);
      Libc.call("waitpid " + pid, st -> (int) WAITPID.handle().invokeExact(st, pid, status, 0));
      int s = status.get(INT, 0);
      int sig = s & 0x7f;
      return sig == 0 ? (s >> 8) & 0xff : 128 + sig;
    }
  }

  /**
   * Puts back the default disposition of {@code signal} when this process inherited it ignored (a
   * shell starts background jobs with SIGINT and SIGQUIT ignored), so that a handler can be installed
   * for it: the JVM leaves inherited-ignored signals alone. Returns whether it was ignored.
   */
  public static boolean unignore(int signal) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment old = arena.allocate(SIGACTION_SIZE, 8);
      long rc = Libc.raw(st -> (int) SIGACTION.handle().invokeExact(st, signal, MemorySegment.NULL, old));
      if (rc < 0 || old.get(LONG, 0) != SIG_IGN) {
        return false;
      }
      MemorySegment dfl = arena.allocate(SIGACTION_SIZE, 8); // zeroed: SIG_DFL, empty mask, no flags
      return Libc.raw(st -> (int) SIGACTION.handle().invokeExact(st, signal, dfl, MemorySegment.NULL)) == 0;
    }
  }

  /** Sends {@code signal}; false if the process no longer exists. */
  public static boolean kill(int pid, int signal) {
    if (pid <= 0) {
      // kill(0 or negative) would signal whole process groups.
      throw JpodException.invalid("invalid pid: " + pid);
    }
    long rc = Libc.raw(st -> (int) KILL.handle().invokeExact(st, pid, signal));
    if (rc == -Errno.ESRCH) {
      return false;
    }
    if (rc < 0) {
      throw Libc.fail("kill " + pid, (int) -rc);
    }
    return true;
  }

  /** Whether a process with this pid exists (zombies included), even one owned by another user. */
  public static boolean isAlive(long pid) {
    if (pid <= 0 || pid > Integer.MAX_VALUE) {
      return false;
    }
    // /proc/<pid> exists exactly as long as kill(pid, 0) would succeed (zombies included), and
    // checking it needs no native call.
    return java.nio.file.Files.exists(java.nio.file.Path.of("/proc", Long.toString(pid)));
  }

  /** pidfd_open(2): an fd that becomes readable when the process exits, immune to pid reuse. */
  public static Fd pidfdOpen(int pid) {
    long fd =
        Libc.call("pidfd_open " + pid, st -> (long) SYSCALL.handle().invokeExact(st, SYS_PIDFD_OPEN, (long) pid, 0L));
    return Fd.of((int) fd);
  }

  /** Waits until {@code fd} is readable (or hung up); false on timeout. A negative timeout waits forever. */
  public static boolean waitReadable(Fd fd, long timeoutMillis) {
    return poll(fd.fd(), POLLIN, timeoutMillis) != 0;
  }

  /**
   * Waits until one of {@code fds} is readable or hung up and returns its index (the lowest, when
   * several are). Restarts after EINTR.
   */
  static int pollReadable(java.util.List<Fd> fds) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pfds = arena.allocate(8L * fds.size(), 4);
      for (int i = 0; i < fds.size(); i++) {
        pfds.set(INT, 8L * i, fds.get(i).fd());
        pfds.set(SHORT, 8L * i + 4, POLLIN);
      }
      long n = fds.size();
      Libc.call("poll", st -> (int) POLL.handle().invokeExact(st, pfds, n, -1));
      for (int i = 0; i < fds.size(); i++) {
        if (pfds.get(SHORT, 8L * i + 6) != 0) {
          return i;
        }
      }
      throw JpodException.system("poll: no descriptor ready");
    }
  }

  /** poll(2) on one fd; returns revents, 0 on timeout. Restarts after EINTR with the time left. */
  static int poll(int fd, short events, long timeoutMillis) {
    long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pfd = arena.allocate(8, 4);
      pfd.set(INT, 0, fd);
      pfd.set(SHORT, 4, events);
      MemorySegment st = arena.allocate(Libc.STATE);
      while (true) {
        long left = timeoutMillis < 0 ? -1 : Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000L);
        int rc = (int) POLL.handle().invokeExact(st, pfd, 1L, (int) Math.min(left, Integer.MAX_VALUE));
        if (rc > 0) {
          return pfd.get(SHORT, 6) & 0xffff;
        }
        if (rc == 0) {
          return 0;
        }
        if (Errno.read(st) != Errno.EINTR) {
          throw Libc.fail("poll fd " + fd, Errno.read(st));
        }
      }
    } catch (Throwable t) {
      throw Libc.rethrow(t);
    }
  }

  /**
   * Parses a signal as podman does: a number ("9"), a name with or without "SIG" in any case
   * ("KILL", "sigkill"), or a real-time offset ("RTMIN+3", "RTMAX-2").
   */
  public static int signalNumber(String name) {
    if (name == null || name.isEmpty()) {
      throw JpodException.invalid("invalid signal: " + name);
    }
    String s = name.toUpperCase(Locale.ROOT);
    if (s.chars().allMatch(Character::isDigit)) {
      int n = s.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(s);
      if (n == 0) {
        throw JpodException.invalid("invalid signal: " + name);
      }
      if (n > SIGRTMAX) {
        throw JpodException.invalid("valid signals are 1 through " + SIGRTMAX);
      }
      return n;
    }
    if (s.startsWith("SIG")) {
      s = s.substring(3);
    }
    for (int i = 1; i < NAMES.length; i++) {
      if (NAMES[i].equals(s)) {
        return i;
      }
    }
    switch (s) {
      case "IOT": return SIGABRT;
      case "CLD": return SIGCHLD;
      case "POLL": return 29;
      case "RTMIN": return SIGRTMIN;
      case "RTMAX": return SIGRTMAX;
      default: break;
    }
    // podman's map has RTMIN+1..RTMIN+15 and RTMAX-14..RTMAX-1, which together cover 35..63.
    int off = rtOffset(s, "RTMIN+");
    if (off >= 1 && off <= 15) {
      return SIGRTMIN + off;
    }
    off = rtOffset(s, "RTMAX-");
    if (off >= 1 && off <= 14) {
      return SIGRTMAX - off;
    }
    throw JpodException.invalid("invalid signal: " + name);
  }

  /** The conventional name of a signal number, e.g. "SIGKILL" or "SIGRTMIN+3". */
  public static String signalName(int signal) {
    if (signal >= 1 && signal < NAMES.length) {
      return "SIG" + NAMES[signal];
    }
    if (signal > NAMES.length - 1 && signal < SIGRTMIN) {
      // 32 and 33 exist but glibc keeps them for its threads, so they have no name.
      return "SIG" + signal;
    }
    if (signal == SIGRTMIN) {
      return "SIGRTMIN";
    }
    if (signal == SIGRTMAX) {
      return "SIGRTMAX";
    }
    if (signal > SIGRTMIN && signal <= SIGRTMIN + 15) {
      return "SIGRTMIN+" + (signal - SIGRTMIN);
    }
    if (signal > SIGRTMIN + 15 && signal < SIGRTMAX) {
      return "SIGRTMAX-" + (SIGRTMAX - signal);
    }
    throw JpodException.invalid("invalid signal: " + signal);
  }

  private static int rtOffset(String s, String prefix) {
    if (!s.startsWith(prefix) || s.length() == prefix.length() || s.length() > prefix.length() + 2) {
      return -1;
    }
    String digits = s.substring(prefix.length());
    return digits.chars().allMatch(Character::isDigit) ? Integer.parseInt(digits) : -1;
  }
}
