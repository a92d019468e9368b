package io.jpod.api.libpod;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.logs.LogLine;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    if (!rec.config().logsToFile()) {
      throw JpodException.invalid("configured logging driver does not support reading");
    }
    boolean follow = ex.bool("follow", false);
    boolean timestamps = ex.bool("timestamps", false);
    Instant since = time(ex.query("since"));
    Instant until = time(ex.query("until"));
    String tailArg = ex.query("tail");
    int tail = tailArg == null || tailArg.isEmpty() || tailArg.equals("all") ? -1 : Integer.parseInt(tailArg.strip());
    OutputStream sink = ex.stream(200, "application/octet-stream");
    io.jpod.api.compat.LogReplay.stream(libpod, rec, since, until, tail, follow, sink, ex::clientGone,
        l -> frame(sink, l, timestamps, stdout, stderr));
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
