package io.jpod.core.supervision;

import io.jpod.common.JpodException;

/**
 * A restart policy as podman stores it: the name ("" when none was given, "no", "on-failure",
 * "always", "unless-stopped") and, for on-failure only, how many restarts at most (0: no limit).
 */
public record RestartPolicy(String name, int maximumRetryCount) {
  public static final RestartPolicy NONE = new RestartPolicy("", 0);

  public RestartPolicy {
    name = name == null ? "" : name;
  }

  /** {@code --restart} as podman parses it (the CLI's checks, then libpod's name check). */
  public static RestartPolicy parse(String s) {
    if (s == null || s.isEmpty()) {
      return NONE;
    }
    String[] parts = s.split(":", -1);
    int retries = 0;
    if (parts.length == 2) {
      if (!parts[0].equalsIgnoreCase("on-failure")) {
        throw JpodException.invalid("restart policy retries can only be specified with on-failure restart policy");
      }
      try {
        retries = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw JpodException.invalid("parsing restart policy retry count: strconv.Atoi: parsing \"" + parts[1]
            + "\": invalid syntax");
      }
      if (retries < 0) {
        throw JpodException.invalid("must specify restart policy retry count as a number greater than 0");
      }
    } else if (parts.length > 2) {
      throw JpodException.invalid("invalid restart policy: may specify retries at most once");
    }
    return of(parts[0], retries);
  }

  /** A policy by name (the Docker API's RestartPolicy), checked as libpod checks it. */
  public static RestartPolicy of(String name, int retries) {
    String n = name == null ? "" : name;
    if (!java.util.List.of("", "no", "on-failure", "always", "unless-stopped").contains(n)) {
      throw JpodException.invalid("running container create option: \"" + n
          + "\" is not a valid restart policy: invalid argument");
    }
    if (retries != 0 && !n.equals("on-failure")) {
      throw JpodException.invalid("restart policy retries can only be specified with on-failure restart policy");
    }
    return new RestartPolicy(n, retries);
  }

  /** A policy that ever restarts (which --rm forbids). */
  public boolean restarts() {
    return !name.isEmpty() && !name.equals("no");
  }

  /**
   * Whether a container that just exited with {@code exitCode}, after {@code restartCount} restarts,
   * is restarted: never when the user stopped it, on-failure only after a failure and while under
   * its retry limit (podman's shouldRestart).
   */
  public boolean shouldRestart(int exitCode, boolean stoppedByUser, int restartCount) {
    if (stoppedByUser) {
      return false;
    }
    return switch (name) {
      case "always", "unless-stopped" -> true;
      case "on-failure" -> exitCode != 0 && (maximumRetryCount == 0 || restartCount < maximumRetryCount);
      default -> false;
    };
  }
}
