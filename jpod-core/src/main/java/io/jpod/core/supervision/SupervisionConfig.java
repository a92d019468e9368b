package io.jpod.core.supervision;

/**
 * How the container is watched once it runs: its restart policy and its healthcheck, fixed at create.
 *
 * @param restartPolicy what happens when it exits
 * @param healthcheck its healthcheck, or null when it has none
 * @param healthOnFailure what happens when the healthcheck turns unhealthy
 */
public record SupervisionConfig(RestartPolicy restartPolicy, Healthcheck healthcheck, HealthOnFailure healthOnFailure) {

  public SupervisionConfig {
    restartPolicy = restartPolicy == null ? RestartPolicy.NONE : restartPolicy;
    healthOnFailure = healthOnFailure == null ? HealthOnFailure.NONE : healthOnFailure;
  }

  public static SupervisionConfig none() {
    return new SupervisionConfig(RestartPolicy.NONE, null, HealthOnFailure.NONE);
  }

  /** A healthcheck that actually runs (not absent, not "NONE"). */
  public boolean hasHealthcheck() {
    return healthcheck != null && healthcheck.runs();
  }
}
