package io.jpod.core.supervision;

/**
 * What the user asked for about watching the container after it starts: the restart policy
 * ({@code --restart}) and the healthcheck ({@code --health-*}, {@code --no-healthcheck}), as typed.
 * Null means "not given"; durations are Go duration strings ("30s", "1m30s").
 *
 * @param restart {@code --restart} (no, on-failure[:N], always, unless-stopped)
 * @param healthCmd {@code --health-cmd}: a shell command, a JSON array, or "none"
 * @param healthInterval {@code --health-interval} (or "disable")
 * @param healthRetries {@code --health-retries}
 * @param healthTimeout {@code --health-timeout}
 * @param healthStartPeriod {@code --health-start-period}
 * @param healthOnFailure {@code --health-on-failure} (none, kill, restart, stop)
 * @param noHealthcheck {@code --no-healthcheck}: ignore the image's HEALTHCHECK too
 */
public record SupervisionRequest(
    String restart,
    String healthCmd,
    String healthInterval,
    Long healthRetries,
    String healthTimeout,
    String healthStartPeriod,
    String healthOnFailure,
    boolean noHealthcheck) {

  public static SupervisionRequest none() {
    return new SupervisionRequest(null, null, null, null, null, null, null, false);
  }
}
