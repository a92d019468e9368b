package io.jpod.storage;

import java.util.List;

/**
 * Options of {@code podman import}: Dockerfile-style {@code changes}, the history {@code message}, and
 * the platform to record (null means the host's).
 */
public record ImportOptions(List<String> changes, String message, String architecture, String os) {
  public ImportOptions {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** No changes, no message, host platform. */
  public static ImportOptions defaults() {
    return new ImportOptions(List.of(), null, null, null);
  }
}
