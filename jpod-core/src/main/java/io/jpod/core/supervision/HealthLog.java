package io.jpod.core.supervision;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jpod.common.Json;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's health as podman keeps it: {@code healthcheck.log} (JSON) next to the container's
 * run dir, holding the status, the failing streak and the last five results. It lives on the run root,
 * so a reboot forgets it as it forgets the container's processes.
 */
public record HealthLog(
    @JsonProperty("Status") String status,
    @JsonProperty("FailingStreak") int failingStreak,
    @JsonProperty("Log") List<Entry> log) {
  public static final String STARTING = "starting";
  public static final String HEALTHY = "healthy";
  public static final String UNHEALTHY = "unhealthy";
  /** podman's MaxHealthCheckNumberLogs and MaxHealthCheckLogLength. */
  static final int MAX_ENTRIES = 5;
  static final int MAX_OUTPUT = 500;

  /** One check: start and end as Go timestamps, the exit code (-1 on timeout), the output. */
  public record Entry(
      @JsonProperty("Start") String start,
      @JsonProperty("End") String end,
      @JsonProperty("ExitCode") int exitCode,
      @JsonProperty("Output") String output) {}

  public static final HealthLog EMPTY = new HealthLog("", 0, null);

  public HealthLog {
    status = status == null ? "" : status;
  }

  /** The file for the run dir {@code runDir} ({@code .../<id>/userdata}): {@code .../<id>/healthcheck.log}. */
  public static Path file(Path runDir) {
    return runDir.getParent().resolve("healthcheck.log");
  }

  /** The saved log, or {@link #EMPTY} when the container never ran its check since boot. */
  public static HealthLog read(Path runDir) {
    try {
      return Json.mapper().readValue(Files.readAllBytes(file(runDir)), HealthLog.class);
    } catch (NoSuchFileException e) {
      return EMPTY;
    } catch (IOException e) {
      return EMPTY; // a torn file reads as no health yet rather than failing ps and inspect
    }
  }

  /** Writes atomically (ps and inspect read it without the container's lock). */
  public void write(Path runDir) {
    Path f = file(runDir);
    try {
      Files.createDirectories(f.getParent());
      Path tmp = f.resolveSibling("healthcheck.log.tmp");
      Files.write(tmp, Json.mapper().writeValueAsBytes(this));
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw JpodException.system("writing healthcheck log " + f + ": " + e.getMessage(), e);
    }
  }

  public HealthLog withStatus(String s) {
    return new HealthLog(s, failingStreak, log);
  }

  /**
   * The log after one more result, as podman's updateHealthCheckLog: success makes it healthy and
   * resets the streak; a failure outside the start period lengthens the streak, and at
   * {@code retries} failures in a row the container is unhealthy.
   */
  public HealthLog record(Entry e, boolean inStartPeriod, int retries) {
    List<Entry> entries = new ArrayList<>(log == null ? List.of() : log);
    String out = e.output() == null ? "" : e.output();
    if (out.length() > MAX_OUTPUT) {
      out = out.substring(0, MAX_OUTPUT);
    }
    entries.add(new Entry(e.start(), e.end(), e.exitCode(), out));
    while (entries.size() > MAX_ENTRIES) {
      entries.removeFirst();
    }
    String st = status;
    int streak = failingStreak;
    if (e.exitCode() == 0) {
      st = HEALTHY;
      streak = 0;
    } else {
      if (st.isEmpty()) {
        st = HEALTHY;
      }
      if (!inStartPeriod) {
        streak++;
        if (streak >= retries) {
          st = UNHEALTHY;
        }
      }
    }
    return new HealthLog(st, streak, entries);
  }
}
