package io.jpod.core.pod;

import io.jpod.core.container.ContainerStatus;
import java.util.Collection;

/** A pod's status as podman derives it from its containers' states (libpod's createPodStatusResults). */
public final class PodStatus {
  public static final String CREATED = "Created";
  public static final String RUNNING = "Running";
  public static final String DEGRADED = "Degraded";
  public static final String STOPPED = "Stopped";
  public static final String EXITED = "Exited";
  public static final String PAUSED = "Paused";
  public static final String ERROR = "Error";

  private PodStatus() {}

  /**
   * Running when all containers run, Degraded when only some do, Paused/Exited when all are so,
   * Stopped when some stopped, Created otherwise (and with no containers at all).
   */
  public static String of(Collection<ContainerStatus> statuses) {
    int n = statuses.size();
    if (n == 0) {
      return CREATED;
    }
    int running = 0;
    int paused = 0;
    int stopped = 0;
    int errored = 0;
    for (ContainerStatus s : statuses) {
      switch (s) {
        case EXITED, STOPPED -> stopped++;
        case RUNNING -> running++;
        case PAUSED -> paused++;
        case CONFIGURED, CREATED -> { }
        default -> errored++;
      }
    }
    if (running == n) {
      return RUNNING;
    }
    if (running > 0) {
      return DEGRADED;
    }
    if (paused == n) {
      return PAUSED;
    }
    if (stopped == n) {
      return EXITED;
    }
    if (stopped > 0) {
      return STOPPED;
    }
    if (errored > 0) {
      return ERROR;
    }
    return CREATED;
  }
}
