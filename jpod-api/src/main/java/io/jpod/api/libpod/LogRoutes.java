package io.jpod.api.libpod;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.logs.K8sFileLog;
import io.jpod.core.logs.LogLine;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /libpod/containers/{id}/logs}: unlike Docker's, libpod's log stream is framed even for
 * a terminal container (podman's client always demultiplexes it), one frame per line.
 */
final class LogRoutes {
  private final Libpod libpod;

  LogRoutes(Libpod libpod) {
    this.libpod = libpod;
  }

  List<Route> routes() {
    return List.of(Route.of("GET", "/libpod/containers/{id}/logs", this::logs));
  }

  private void logs(Exchange ex) throws IOException {
    boolean stdout = ex.bool("stdout", false);
    boolean stderr = ex.bool("stderr", false);
    if (!stdout && !stderr) {
      throw JpodException.invalid("\"stdout\" or \"stderr\" must be true");
    }
    ContainerRecord rec = libpod.containers().get(ex.param("id"));
    if (!rec.config().logDriver().equals("k8s-file")) {
      throw JpodException.invalid("configured logging driver does not support reading");
    }
    boolean follow = ex.bool("follow", false);
    boolean timestamps = ex.bool("timestamps", false);
    Instant since = time(ex.query("since"));
    Instant until = time(ex.query("until"));
    String tailArg = ex.query("tail");
    int tail = tailArg == null || tailArg.isEmpty() || tailArg.equals("all") ? -1 : Integer.parseInt(tailArg.strip());
    OutputStream sink = ex.stream(200, "application/octet-stream");
    Path file = Path.of(rec.config().logPath());
    K8sFileLog log = new K8sFileLog(file);
    List<LogLine> lines = Files.exists(file) ? log.readAll() : new ArrayList<>();
    lines.removeIf(l -> (since != null && l.time().toInstant().isBefore(since)) || (until != null && l.time().toInstant().isAfter(until)));
    if (tail >= 0 && lines.size() > tail) {
      lines = lines.subList(lines.size() - tail, lines.size());
    }
    for (LogLine l : lines) {
      frame(sink, l, timestamps, stdout, stderr);
    }
    sink.flush();
    if (follow && until == null) {
      long offset = Files.exists(file) ? Files.size(file) : 0;
      String id = rec.config().id();
      try {
        log.follow(offset, l -> {
          try {
            frame(sink, l, timestamps, stdout, stderr);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }, () -> alive(id) && !ex.clientGone());
      } catch (UncheckedIOException e) {
        // the client went away
      }
    }
  }

  private static Instant time(String v) {
    if (v == null || v.isEmpty() || v.equals("0")) {
      return null;
    }
    try {
      Instant t = v.matches("\\d+(\\.\\d+)?") ? Instant.ofEpochMilli((long) (Double.parseDouble(v) * 1000)) : Instant.parse(v);
      return t.isBefore(Instant.EPOCH) ? null : t; // podman's client sends Go's zero time for "not set"
    } catch (RuntimeException e) {
      throw JpodException.invalid("invalid time value " + v);
    }
  }

  private boolean alive(String id) {
    try {
      ContainerStatus s = libpod.containers().get(id).state().status();
      return s.isAlive() || s == ContainerStatus.CREATED || s == ContainerStatus.CONFIGURED;
    } catch (JpodException e) {
      return false;
    }
  }

  static void frame(OutputStream sink, LogLine l, boolean timestamps, boolean stdout, boolean stderr) throws IOException {
    if (l.stderr() ? !stderr : !stdout) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    if (timestamps) {
      sb.append(l.time().toInstant().toString()).append(' ');
    }
    sb.append(l.content());
    if (l.complete()) {
      sb.append('\n');
    }
    byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
    int len = b.length;
    synchronized (sink) {
      sink.write(new byte[] {(byte) (l.stderr() ? 2 : 1), 0, 0, 0, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
      sink.write(b);
      sink.flush();
    }
  }
}
