package io.jpod.cli.container;

import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.logs.LogLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;

/**
 * Prints k8s-file log lines as {@code logs} and {@code pod logs} show them: an optional prefix (id or
 * name), an optional timestamp, the content, a newline only for complete lines, stderr lines to stderr.
 */
public final class LogPrinter {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean timestamps;

  public LogPrinter(PrintStream out, PrintStream err, boolean timestamps) {
    this.out = out;
    this.err = err;
    this.timestamps = timestamps;
  }

  public synchronized void print(LogLine l, String prefix) {
    PrintStream target = l.stderr() ? err : out;
    StringBuilder sb = new StringBuilder(prefix);
    if (timestamps) {
      sb.append(l.time().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(' ');
    }
    sb.append(l.content());
    if (l.complete()) {
      sb.append('\n');
    }
    target.print(sb);
  }

  /** Prints and flushes at once: for followed logs, which must reach the reader line by line. */
  public synchronized void printNow(LogLine l, String prefix) {
    print(l, prefix);
    out.flush();
    err.flush();
  }

  /** Whether a followed container can still write: running, paused or not yet started. */
  public static boolean stillWriting(Libpod libpod, String id) {
    try {
      ContainerStatus s = libpod.containers().get(id).state().status();
      return s.isAlive() || s == ContainerStatus.CREATED;
    } catch (JpodException e) {
      return false; // removed meanwhile
    }
  }

  /** Where following starts: the log's current end (0 when there is no log yet). */
  public static long endOf(Path log) {
    try {
      return java.nio.file.Files.size(log);
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
