package io.jpod.storage;

import java.time.Instant;
import java.util.List;

/**
 * Options of {@code podman import}: Dockerfile-style {@code changes}, the history {@code message}, the
 * platform to record (null means the host's) and the creation time (null means now; podman takes an
 * imported file's modification time, so importing one file again gives the same image).
 */
public record ImportOptions(List<String> changes, String message, String architecture, String os, Instant created) {
  public ImportOptions {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** Created now. */
  public ImportOptions(List<String> changes, String message, String architecture, String os) {
    this(changes, message, architecture, os, null);
  }

  /** No changes, no message, host platform. */
  public static ImportOptions defaults() {
    return new ImportOptions(List.of(), null, null, null);
  }
}
