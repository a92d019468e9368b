package io.jpod.core.volume;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A volume's fixed configuration, stored as JSON in the VolumeConfig table.
 *
 * @param name the volume's name (64 hex characters for anonymous volumes)
 * @param driver always "local"
 * @param labels {@code volume create -l}
 * @param options the local driver's {@code -o} options (type, device, o; UID/GID as podman records them)
 * @param created creation time
 * @param anonymous created for one container ({@code -v /path}, image VOLUME); removed by {@code rm -v}
 * @param uid owner of the volume's directory, or null for root
 * @param gid group of the volume's directory, or null for root
 */
public record Volume(String name, String driver, Map<String, String> labels, Map<String, String> options,
    Instant created, boolean anonymous, Integer uid, Integer gid) {
  public Volume {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** The options in podman's (Go map) order: sorted by key. */
  public Map<String, String> sortedOptions() {
    return new TreeMap<>(options);
  }

  /** True when the local driver mounts a filesystem here ({@code -o type=/device=}) instead of a plain directory. */
  public boolean needsMount() {
    return options.containsKey("type") || options.containsKey("device");
  }
}
