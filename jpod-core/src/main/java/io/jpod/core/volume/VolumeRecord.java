package io.jpod.core.volume;

/** A volume's config and state as last read from the state database. */
public record VolumeRecord(Volume config, VolumeState state) {
  public String name() {
    return config.name();
  }
}
