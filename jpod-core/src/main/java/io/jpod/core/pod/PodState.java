package io.jpod.core.pod;

/**
 * A pod's mutable part, stored in PodState.
 *
 * @param cgroupPath the pod's cgroup once created (empty before)
 * @param infraContainerId the infra container's id, or null (none, or not created yet)
 */
public record PodState(String cgroupPath, String infraContainerId) {
  public PodState {
    cgroupPath = cgroupPath == null ? "" : cgroupPath;
  }

  public PodState withInfra(String id) {
    return new PodState(cgroupPath, id);
  }
}
