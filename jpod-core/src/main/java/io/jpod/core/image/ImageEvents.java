package io.jpod.core.image;

import io.jpod.core.Libpod;
import io.jpod.core.events.Event;
import java.time.Instant;

/** Records image events ({@code tag}, {@code untag}, {@code remove}) in podman's format. */
final class ImageEvents {
  private final Libpod libpod;

  ImageEvents(Libpod libpod) {
    this.libpod = libpod;
  }

  /** An event stamped now; {@link #write} it later to record it after what it announces. */
  static Event event(String status, String imageId, String name) {
    return new Event(null, imageId, null, name == null || name.isEmpty() ? null : name, status, Instant.now(),
        "image", null);
  }

  void write(Event e) {
    libpod.events().write(e);
  }

  void write(String status, String imageId, String name) {
    write(event(status, imageId, name));
  }
}
