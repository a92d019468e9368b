package io.jpod.cli;

import java.time.Duration;
import java.time.Instant;

/** Durations as podman prints them; the logic lives in {@link io.jpod.common.HumanTime} (the API uses it too). */
public final class HumanTime {
  private HumanTime() {}

  public static String duration(Duration d) {
    return io.jpod.common.HumanTime.duration(d);
  }

  public static String ago(Instant t) {
    return io.jpod.common.HumanTime.ago(t);
  }
}
