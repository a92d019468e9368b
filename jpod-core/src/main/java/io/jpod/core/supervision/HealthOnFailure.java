package io.jpod.core.supervision;

import io.jpod.common.JpodException;
import java.util.Locale;

/** {@code --health-on-failure}: what is done to a container whose healthcheck turned unhealthy. */
public enum HealthOnFailure {
  NONE, KILL, RESTART, STOP;

  /** podman's name ("none", "kill", ...). */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static HealthOnFailure parse(String s) {
    if (s == null || s.isEmpty()) {
      return NONE;
    }
    for (HealthOnFailure a : values()) {
      if (a.cliName().equals(s)) {
        return a;
      }
    }
    throw JpodException.invalid("invalid on-failure action \"" + s
        + "\" for health check: supported actions are none,kill,restart,stop");
  }
}
