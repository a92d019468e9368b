package io.jpod.core.supervision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A healthcheck in the image config's shape (Docker's {@code Healthcheck}): the test ({@code
 * ["CMD-SHELL", cmd]}, {@code ["CMD", arg...]} or {@code ["NONE"]}), durations in nanoseconds (0:
 * unset) and the failures in a row that make the container unhealthy.
 */
public record Healthcheck(List<String> test, long intervalNanos, long timeoutNanos, long startPeriodNanos, int retries) {
  /** podman's defaults for what the image or the flags leave unset. */
  public static final long DEFAULT_INTERVAL = 30_000_000_000L;
  public static final long DEFAULT_TIMEOUT = 30_000_000_000L;
  public static final int DEFAULT_RETRIES = 3;

  public Healthcheck {
    test = test == null ? List.of() : List.copyOf(test);
  }

  /** Whether there is a command to run ("NONE" and an empty test disable the check). */
  public boolean runs() {
    return !test.isEmpty() && !test.getFirst().equals("NONE");
  }

  /** The command to exec in the container. */
  public List<String> command() {
    if (test.isEmpty()) {
      return List.of();
    }
    return switch (test.getFirst()) {
      case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
      case "CMD" -> test.subList(1, test.size());
      case "NONE" -> List.of();
      default -> test;
    };
  }

  public long effectiveTimeoutNanos() {
    return timeoutNanos > 0 ? timeoutNanos : DEFAULT_TIMEOUT;
  }

  public int effectiveRetries() {
    return retries > 0 ? retries : DEFAULT_RETRIES;
  }

  /** Docker's/podman's JSON shape: zero durations and retries are left out. */
  public Map<String, Object> toDocker() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Test", test);
    if (intervalNanos != 0) {
      m.put("Interval", intervalNanos);
    }
    if (timeoutNanos != 0) {
      m.put("Timeout", timeoutNanos);
    }
    if (startPeriodNanos != 0) {
      m.put("StartPeriod", startPeriodNanos);
    }
    if (retries != 0) {
      m.put("Retries", retries);
    }
    return m;
  }
}
