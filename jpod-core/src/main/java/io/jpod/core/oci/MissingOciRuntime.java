package io.jpod.core.oci;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerConfig;

/**
 * Stands in for a runtime that is configured but cannot be used (not installed, or unable to work on
 * this host), so that commands which do not need it (ps, inspect, rm of a stopped container) still
 * work and those which do fail with the reason.
 */
public record MissingOciRuntime(String name, String path, String reason) implements OciRuntime {

  private JpodException unavailable() {
    return new JpodException(ErrorKind.SYSTEM, reason);
  }

  @Override
  public CreatedContainer create(ContainerConfig config, ContainerPaths paths, ConmonOptions options) {
    throw unavailable();
  }

  @Override
  public PreparedCreate prepareCreate(ContainerConfig config, ContainerPaths paths, ConmonOptions options) {
    throw unavailable();
  }

  @Override
  public ExecHandle exec(ContainerConfig config, ExecPaths paths, ConmonOptions options, boolean terminal, boolean stdin) {
    throw unavailable();
  }

  @Override
  public void start(String id) {
    throw unavailable();
  }

  @Override
  public boolean kill(String id, int signal, boolean all) {
    throw unavailable();
  }

  @Override
  public void pause(String id) {
    throw unavailable();
  }

  @Override
  public void resume(String id) {
    throw unavailable();
  }

  @Override
  public void update(String id, String resourcesJson) {
    throw unavailable();
  }

  @Override
  public void delete(String id) {
    // Nothing of a runtime that never ran can be left to delete.
  }
}
