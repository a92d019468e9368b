package io.jpod.core.supervision;

import java.nio.file.Path;
import java.util.List;

/** The lifecycle's hooks for supervision: what a start begins and what a cleanup ends. */
public final class Supervision {
  private Supervision() {}

  /**
   * A container with a healthcheck just started: its health is "starting" again (streak and log are
   * kept, as podman keeps them) and its interval timer runs.
   */
  public static void started(SupervisionConfig sup, String id, Path runDir, List<String> jpod) {
    if (!sup.hasHealthcheck()) {
      return;
    }
    HealthLog.read(runDir).withStatus(HealthLog.STARTING).write(runDir);
    HealthTimer.start(id, runDir, sup.healthcheck().intervalNanos(), jpod);
  }

  /** The container stopped running: its timer ends (the health log stays for ps and inspect). */
  public static void stopped(SupervisionConfig sup, Path runDir) {
    if (sup.hasHealthcheck()) {
      HealthTimer.stop(runDir);
    }
  }
}
