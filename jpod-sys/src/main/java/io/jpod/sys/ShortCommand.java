package io.jpod.sys;

import io.jpod.common.JpodException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a short-lived program to its end and returns its exit code and output: the OCI runtime's quick
 * verbs (start, kill, delete, pause, ...), one or more per container run.
 *
 * <p>Not {@link ProcessBuilder}: on Linux it posix_spawns the JDK's {@code jspawnhelper} first, which
 * then execs the program, one exec more per call. This posix_spawns the program itself.
 *
 * <p>The child's stdin is /dev/null, its stdout is discarded or captured, its stderr captured; it
 * inherits the JVM's working directory, and its environment unless one is given. The output is read to its end and then the
 * child is reaped, as {@code readAllBytes()} then {@code waitFor()} on a {@link Process} would.
 */
public final class ShortCommand {
  private static final int BUFFER = 8192;

  /** How the program ended: its exit code (128 + the signal if a signal killed it) and its output. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private ShortCommand() {}

  /**
   * Runs {@code argv} (its first element the program's path; no PATH search) and waits for it.
   *
   * @param captureStdout false sends stdout to /dev/null ({@link Result#stdout} is then empty)
   * @throws JpodException {@code running <path>: <reason>} when the program cannot be started
   */
  public static Result run(List<String> argv, boolean captureStdout) {
    return run(argv, captureStdout, null);
  }

  /** {@link #run(List, boolean)} with the child's environment ({@code KEY=value}; null: the JVM's). */
  public static Result run(List<String> argv, boolean captureStdout, List<String> env) {
    String path = argv.getFirst();
    Pipe err = Pipe.open();
    Pipe out = captureStdout ? Pipe.open() : null;
    int pid;
    try (Fd devNull = Fd.open("/dev/null", Fd.O_RDWR | Fd.O_CLOEXEC, 0)) {
      Map<Integer, Fd> fds = new HashMap<>();
      fds.put(0, devNull);
      fds.put(1, out != null ? out.write() : devNull);
      fds.put(2, err.write());
      pid = Spawn.spawn(path, argv, env, fds, false);
    } catch (JpodException e) {
      err.close();
      if (out != null) {
        out.close();
      }
      throw JpodException.system("running " + path + ": " + reason(e.getMessage()), e);
    } finally {
      // only the child writes: the reads below end when it (and whatever it passed them to) is done
      err.write().close();
      if (out != null) {
        out.write().close();
      }
    }
    // poll, read and waitpid block in native code for the child's whole run
    int child = pid;
    try {
      return Blocking.offCarrier("jpod-wait-" + pid, () -> collect(child, out == null ? null : out.read(), err.read()));
    } catch (InterruptedException e) {
      // the platform thread still reads to the end and reaps the child: no zombie is left behind
      Thread.currentThread().interrupt();
      throw JpodException.system("interrupted while running " + path);
    }
  }

  /** Reads the child's pipes to their ends (closing them), then reaps it. */
  private static Result collect(int pid, Fd out, Fd err) {
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    List<Fd> open = new ArrayList<>(out == null ? List.of(err) : List.of(out, err));
    byte[] buf = new byte[BUFFER];
    try {
      while (!open.isEmpty()) {
        // with two pipes, read the one that has something: a child that fills one while we block on
        // the other would wait for us forever
        Fd ready = open.size() == 1 ? open.getFirst() : open.get(Processes.pollReadable(open));
        int n = ready.read(buf, 0, buf.length);
        if (n < 0) {
          open.remove(ready);
          ready.close();
        } else {
          (ready == out ? outBytes : errBytes).write(buf, 0, n);
        }
      }
    } catch (RuntimeException e) {
      open.forEach(Fd::close);
      reapQuietly(pid);
      throw e;
    }
    return new Result(Processes.waitpid(pid), outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
  }

  // A read that failed still leaves a child to reap; its exit code no longer matters.
  private static void reapQuietly(int pid) {
    try {
      Processes.waitpid(pid);
    } catch (JpodException e) {
      // nothing left to reap
    }
  }

  // Spawn says "spawn <path>: <reason>"; the caller names the program itself.
  private static String reason(String message) {
    int colon = message == null ? -1 : message.lastIndexOf(": ");
    return colon < 0 ? String.valueOf(message) : message.substring(colon + 2);
  }
}
