package io.jpod.core.container;

/**
 * libpod's container states, stored as the same integers podman stores. The CLI string is what
 * {@code ps} and {@code inspect} print.
 */
public enum ContainerStatus {
  UNKNOWN(0, "unknown"),
  CONFIGURED(1, "created"),
  CREATED(2, "initialized"),
  RUNNING(3, "running"),
  STOPPED(4, "stopped"),
  PAUSED(5, "paused"),
  EXITED(6, "exited"),
  REMOVING(7, "removing"),
  STOPPING(8, "stopping");

  private final int code;
  private final String cliName;

  ContainerStatus(int code, String cliName) {
    this.code = code;
    this.cliName = cliName;
  }

  public int code() {
    return code;
  }

  public String cliName() {
    return cliName;
  }

  public static ContainerStatus ofCode(int code) {
    for (ContainerStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** True while the runtime has a live process for the container (conmon is watching it). */
  public boolean isAlive() {
    return this == RUNNING || this == PAUSED || this == STOPPING;
  }
}
