package io.jpod.core.state;

import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerState;

/**
 * A container as the state database holds it: its immutable config and its last saved state.
 *
 * @param config what was fixed at creation (or at the last rename)
 * @param state the state saved by the last transition
 */
public record ContainerRecord(ContainerConfig config, ContainerState state) {

  /** The container's full id, for convenience. */
  public String id() {
    return config.id();
  }
}
