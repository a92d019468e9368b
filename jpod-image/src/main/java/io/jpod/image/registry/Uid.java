package io.jpod.image.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's user id, which decides podman's default auth file and alias cache locations. */
final class Uid {
  private Uid() {}

  /** The effective uid (the owner of {@code /proc/self}); -1 if it cannot be read. */
  static int current() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }
}
