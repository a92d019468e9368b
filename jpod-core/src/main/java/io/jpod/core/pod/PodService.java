package io.jpod.core.pod;

import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.container.ContainerPlacement;
import io.jpod.core.container.ContainerSpec;

/** Pods: create, start, stop, remove and inspect them, and their infra containers. */
public final class PodService {
  private final Libpod libpod;

  public PodService(Libpod libpod) {
    this.libpod = libpod;
  }

  /**
   * Puts a new container into the pod {@code spec.pod()} names ("new:NAME" creates the pod first, with
   * its undo on {@code rb}): the pod's id, its shared namespaces (joined through the infra container),
   * its cgroup parent and its name as default hostname.
   */
  public ContainerPlacement place(ContainerSpec spec, ContainerPlacement base, Rollback rb) {
    String ref = spec.pod().orElseThrow();
    throw JpodException.notFound("no pod with name or ID " + ref + " found: no such pod");
  }
}
