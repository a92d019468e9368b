package io.jpod.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@link ConfigLoader} read, before command-line flags.
 *
 * @param containersConf the merged containers.conf
 * @param storageConf the storage configuration
 * @param host the host facts the defaults were derived from
 * @param containersConfFiles the containers.conf files applied, lowest priority first
 */
public record JpodConfig(
    ContainersConf containersConf, StorageConf storageConf, HostFacts host, List<Path> containersConfFiles) {

  public JpodConfig {
    containersConfFiles = List.copyOf(containersConfFiles);
  }

  /** Applies podman's global flags, giving the settings the engine runs with. */
  public EngineSettings withOverrides(GlobalOverrides overrides) {
    return EngineSettings.resolve(this, overrides);
  }

  /** The settings without any flag. */
  public EngineSettings settings() {
    return withOverrides(GlobalOverrides.none());
  }
}
