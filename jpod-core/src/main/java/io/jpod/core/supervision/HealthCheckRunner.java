package io.jpod.core.supervision;

import io.jpod.common.GoDuration;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerService;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.events.Event;
import io.jpod.core.lock.ObjectLock;
import io.jpod.core.state.ContainerRecord;
import io.jpod.sys.Processes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code healthcheck run}: runs the container's check once as an exec session, records the result in
 * its health log and, when the container turned unhealthy, carries out its {@code --health-on-failure}
 * action. The interval timer ({@link HealthTimer}) runs this same command.
 */
public final class HealthCheckRunner {
  private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnXXX");

  private final Libpod libpod;

  public HealthCheckRunner(Libpod libpod) {
    this.libpod = libpod;
  }

  /** What one check found: the status after it, and whether this check failed. */
  public record Outcome(String status, boolean failed) {}

  public Outcome run(String nameOrId) {
    ContainerService containers = libpod.containers();
    ContainerRecord rec;
    try {
      rec = containers.get(nameOrId);
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.NOT_FOUND) {
        throw JpodException.notFound("unable to look up " + nameOrId + " to perform a health check: " + e.getMessage());
      }
      throw e;
    }
    String id = rec.config().id();
    SupervisionConfig sup = rec.config().supervision();
    if (!sup.hasHealthcheck()) {
      throw JpodException.invalid("container " + id + " has no defined healthcheck");
    }
    if (rec.state().status() != ContainerStatus.RUNNING) {
      throw JpodException.wrongState("container " + id + " is not running");
    }
    Healthcheck hc = sup.healthcheck();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Instant start = Instant.now();
    int code;
    try {
      code = containers.exec(id, hc.command(), List.of(), null, null, false, false, false,
          new ContainerService.Streams(new ByteArrayInputStream(new byte[0]), out, out, List.of()), () -> {});
    } catch (JpodException e) {
      code = 1;
      out.writeBytes(e.getMessage().getBytes(StandardCharsets.UTF_8));
    }
    Instant end = Instant.now();
    boolean timedOut = Duration.between(start, end).toNanos() > hc.effectiveTimeoutNanos();
    String output = out.toString(StandardCharsets.UTF_8);
    if (output.endsWith("\n")) {
      output = output.substring(0, output.length() - 1);
    }
    int recorded = timedOut ? -1 : code == 0 ? 0 : 1;
    HealthLog.Entry entry = new HealthLog.Entry(goTime(start), goTime(end), recorded, timedOut ? "" : output);
    HealthLog now;
    try (ObjectLock lock = libpod.locks().lock(id)) {
      Path runDir = containers.paths(rec.config()).runDir();
      Instant started = rec.state().startedAt();
      boolean inStartPeriod = hc.startPeriodNanos() > 0 && started != null
          && Duration.between(started, end).toNanos() < hc.startPeriodNanos();
      now = HealthLog.read(runDir).record(entry, inStartPeriod, hc.effectiveRetries());
      now.write(runDir);
    }
    // podman records every check, not only changes, with the status it left the container in
    libpod.events().write(Event.container("health_status", id, rec.config().name(), rec.config().imageName(),
        rec.config().labels()).withHealthStatus(now.status()));
    if (HealthLog.UNHEALTHY.equals(now.status())) {
      onFailure(id, sup.healthOnFailure());
    }
    if (timedOut) {
      throw JpodException.system("healthcheck command exceeded timeout of " + GoDuration.format(hc.effectiveTimeoutNanos()));
    }
    return new Outcome(now.status(), recorded != 0);
  }

  /** podman's on-failure actions; restart takes the same road as {@code jpod restart}. */
  private void onFailure(String id, HealthOnFailure action) {
    ContainerService containers = libpod.containers();
    switch (action) {
      case NONE -> { }
      case KILL -> containers.kill(id, Processes.SIGKILL);
      case STOP -> containers.stop(id, null);
      case RESTART -> containers.restart(id, null);
    }
  }

  private static String goTime(Instant t) {
    return GO_TIME.format(t.atZone(ZoneId.systemDefault()));
  }
}
