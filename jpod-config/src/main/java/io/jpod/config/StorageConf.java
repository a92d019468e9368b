package io.jpod.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code [storage]} table of storage.conf(5), as far as jpod needs it.
 *
 * <p><b>jpod keeps its own store by default</b>, so it can never corrupt a podman store on the same
 * machine: the default graph root is {@code /var/lib/jpod/storage} and the run root
 * {@code /run/jpod/storage}. jpod reads a storage.conf only when
 *
 * <ul>
 *   <li>{@code $CONTAINERS_STORAGE_CONF} is set: that file (point it at
 *       {@code /etc/containers/storage.conf} to share podman's store deliberately; a missing file
 *       means built-in defaults, as with podman), or else
 *   <li>{@code /etc/jpod/storage.conf} exists: jpod's own file, same format.
 * </ul>
 *
 * {@code /etc/containers/storage.conf} is never read implicitly. Keys the file leaves unset or empty
 * keep jpod's defaults (driver {@code overlay}). As in containers/storage, {@code $STORAGE_DRIVER}
 * overrides the driver and {@code $STORAGE_OPTS} (comma-separated) the driver options.
 *
 * @param source the file read, if any
 * @param driver the graph driver ({@code overlay}, {@code vfs})
 * @param graphRoot persistent storage ({@code graphroot})
 * @param runRoot volatile storage ({@code runroot})
 * @param imageStore the separate image store ({@code imagestore}), empty when unset
 * @param transientStore whether container metadata lives only under the run root
 * @param additionalImageStores read-only image stores ({@code [storage.options] additionalimagestores})
 * @param driverOptions options in containers/storage form, {@code <driver>.<key>=<value>} (e.g.
 *     {@code overlay.mountopt=nodev}), from {@code [storage.options]} generic keys and
 *     {@code [storage.options.<driver>]}
 * @param pullOptions {@code [storage.options.pull_options]} (e.g. {@code enable_partial_images})
 */
public record StorageConf(
    Optional<Path> source,
    String driver,
    String graphRoot,
    String runRoot,
    String imageStore,
    boolean transientStore,
    List<String> additionalImageStores,
    List<String> driverOptions,
    Map<String, String> pullOptions) {

  public static final String DEFAULT_DRIVER = "overlay";
  public static final String DEFAULT_GRAPH_ROOT = "/var/lib/jpod/storage";
  public static final String DEFAULT_RUN_ROOT = "/run/jpod/storage";

  /** The [storage.options] keys containers/storage applies to whichever driver is in use. */
  private static final List<String> GENERIC_DRIVER_KEYS =
      List.of("mountopt", "size", "mount_program", "skip_mount_home", "force_mask", "ignore_chown_errors");

  /** jpod's built-in defaults. */
  public static StorageConf defaults() {
    return from(Optional.empty(), TomlTable.EMPTY, Map.of());
  }

  static StorageConf from(Optional<Path> source, TomlTable root, Map<String, String> env) {
    TomlTable s = root.table("storage");
    TomlTable opts = s.table("options");
    String driver = nonEmpty(s.string("driver", ""), DEFAULT_DRIVER);
    String envDriver = env.get("STORAGE_DRIVER");
    if (envDriver != null && !envDriver.isEmpty()) {
      driver = envDriver;
    }

    Map<String, String> byKey = new LinkedHashMap<>();
    for (String k : GENERIC_DRIVER_KEYS) {
      if (opts.has(k)) {
        byKey.put(k, opts.scalars().get(k));
      }
    }
    byKey.putAll(opts.table(driver).scalars());
    List<String> driverOptions = new ArrayList<>();
    for (Map.Entry<String, String> e : byKey.entrySet()) {
      if (e.getValue() != null && !e.getValue().isEmpty()) {
        driverOptions.add(driver + "." + e.getKey() + "=" + e.getValue());
      }
    }
    String envOpts = env.get("STORAGE_OPTS");
    if (envOpts != null && !envOpts.isEmpty()) {
      driverOptions = List.of(envOpts.split(","));
    }

    return new StorageConf(
        source,
        driver,
        nonEmpty(s.string("graphroot", ""), DEFAULT_GRAPH_ROOT),
        nonEmpty(s.string("runroot", ""), DEFAULT_RUN_ROOT),
        s.string("imagestore", ""),
        s.bool("transient_store", false),
        opts.strings("additionalimagestores", List.of()),
        List.copyOf(driverOptions),
        Collections.unmodifiableMap(new LinkedHashMap<>(opts.stringMap("pull_options", Map.of()))));
  }

  /** The value of driver option {@code key} (without the driver prefix), if set. */
  public Optional<String> driverOption(String key) {
    String prefix = driver + "." + key + "=";
    for (String o : driverOptions) {
      if (o.startsWith(prefix)) {
        return Optional.of(o.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  private static String nonEmpty(String v, String def) {
    return v == null || v.isEmpty() ? def : v;
  }
}
