package io.jpod.core.oci;

import java.nio.file.Path;

/** The files of one exec session, in {@code <bundle>/<session id>} as libpod lays them out. */
public record ExecPaths(String sessionId, Path dir) {
  public Path attachSocket() {
    return dir.resolve("attach");
  }

  public Path pidFile() {
    return dir.resolve("exec_pid");
  }

  public Path exitDir() {
    return dir.resolve("exit");
  }

  public Path ociLog() {
    return dir.resolve("oci-log");
  }

  public Path conmonPidFile() {
    return dir.resolve("conmon.pid");
  }

  public Path processSpec() {
    return dir.resolve("exec-process");
  }
}
