package io.jpod.core.container;

import io.jpod.core.Libpod;
import io.jpod.core.events.Event;

/** Records container events in podman's format. */
final class ContainerEvents {
  private final Libpod libpod;

  ContainerEvents(Libpod libpod) {
    this.libpod = libpod;
  }

  void write(String status, ContainerConfig cfg, Integer exitCode) {
    Event e = Event.container(status, cfg.id(), cfg.name(), cfg.imageName(), cfg.labels());
    if (exitCode != null) {
      e = e.withExitCode(exitCode);
    }
    libpod.events().write(e);
  }
}
