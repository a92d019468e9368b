package io.jpod.api.compat;

import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.logs.K8sFileLog;
import io.jpod.core.logs.LogLine;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A container's k8s-file log as the logs endpoints serve it (Docker's and libpod's differ only in how a
 * line is framed): the lines within since/until, the last {@code tail} of them, then, with follow, new
 * lines until the container stops or the client hangs up.
 */
public final class LogReplay {
  private LogReplay() {}

  /** Writes one log line the endpoint's way. */
  @FunctionalInterface
  public interface LineWriter {
    void write(LogLine line) throws IOException;
  }

  /**
   * Replays and (with {@code follow}, when no {@code until} is given) follows the log.
   *
   * @param tail how many of the last lines, or -1 for all
   * @param sink flushed after the replay, so a follower sees the history at once
   */
  public static void stream(Libpod libpod, ContainerRecord rec, Instant since, Instant until, int tail, boolean follow,
      OutputStream sink, BooleanSupplier clientGone, LineWriter writer) throws IOException {
    Path file = Path.of(rec.config().logPath());
    K8sFileLog log = new K8sFileLog(file);
    List<LogLine> lines = Files.exists(file) ? log.readAll() : new ArrayList<>();
    lines.removeIf(l -> (since != null && l.time().toInstant().isBefore(since)) || (until != null && l.time().toInstant().isAfter(until)));
    if (tail >= 0 && lines.size() > tail) {
      lines = lines.subList(lines.size() - tail, lines.size());
    }
    for (LogLine l : lines) {
      writer.write(l);
    }
    sink.flush();
    if (follow && until == null) {
      long offset = Files.exists(file) ? Files.size(file) : 0;
      String id = rec.config().id();
      try {
        log.follow(offset, l -> {
          try {
            writer.write(l);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, () -> alive(libpod, id) && !clientGone.getAsBoolean());
      } catch (UncheckedIOException e) {
        // the client closed the stream (Testcontainers does once its log line matched)
      }
    }
  }

  /** Whether the container may still write to its log (it exists and is not stopped for good). */
  private static boolean alive(Libpod libpod, String id) {
    try {
      ContainerStatus s = libpod.containers().get(id).state().status();
      return s.isAlive() || s == ContainerStatus.CREATED || s == ContainerStatus.CONFIGURED;
    } catch (JpodException e) {
      return false;
    }
  }
}
