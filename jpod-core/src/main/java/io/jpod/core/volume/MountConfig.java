package io.jpod.core.volume;

import java.util.List;

/**
 * One mount of a container, resolved at create and stored in its config.
 *
 * @param type volume (source is the volume's name), bind (source is a host path) or tmpfs
 * @param source the volume name, host path, or "tmpfs"
 * @param destination the absolute path in the container
 * @param options mount options (ro, rbind, rprivate, nosuid, size=..., U, z...)
 * @param anonymous a volume created for this container alone ({@code -v /path}, image VOLUME), removed
 *     with {@code rm -v} and with {@code --rm}
 */
public record MountConfig(String type, String source, String destination, List<String> options, boolean anonymous) {
  public MountConfig {
    options = options == null ? List.of() : List.copyOf(options);
  }

  public boolean isVolume() {
    return type.equals("volume");
  }
}
