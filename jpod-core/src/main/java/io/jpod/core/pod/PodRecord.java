package io.jpod.core.pod;

/** A pod as the state database holds it. */
public record PodRecord(PodConfig config, PodState state) {
  public String id() {
    return config.id();
  }

  public String name() {
    return config.name();
  }

  /** True when {@code containerId} is this pod's infra container. */
  public boolean isInfra(String containerId) {
    return containerId != null && containerId.equals(state.infraContainerId());
  }
}
