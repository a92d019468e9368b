package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;

/** The container half of {@code system prune}: removes stopped containers matching podman's filters. */
public final class ContainerPrune {
  private ContainerPrune() {}

  /** Checks the filters before anything is removed (a bad one fails the whole prune). */
  public static void validate(List<String> filters) {
    ContainerFilter.prune(filters);
  }

  /** Removes every non-running container the filters match; returns their ids. */
  public static List<String> prune(CliContext ctx, List<String> filters) {
    ContainerFilter filter = ContainerFilter.prune(filters);
    var containers = ctx.libpod().containers();
    if (filters.isEmpty()) {
      containers.removeOrphans();
    }
    List<String> removed = new ArrayList<>();
    for (ContainerRecord r : containers.list()) {
      boolean infra = ctx.libpod().pods().podOfInfra(r.config().podId(), r.config().id()).isPresent();
      // a pod's infra container goes with its pod (pod prune), never on its own
      if (!infra && !r.state().status().isAlive() && filter.test(r)) {
        containers.remove(r.config().id(), false, null);
        removed.add(r.config().id());
      }
    }
    return removed;
  }
}
