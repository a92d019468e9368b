package io.jpod.core.supervision;

/**
 * How the container is watched once it runs: its restart policy and its healthcheck, fixed at create.
 */
public record SupervisionConfig() {

  public static SupervisionConfig none() {
    return new SupervisionConfig();
  }
}
