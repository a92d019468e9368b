package io.jpod.config;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where configuration comes from: a file-system root (normally {@code /}; tests use a temp dir) under
 * which the well-known paths are looked up, and the environment. Paths named by environment variables
 * ({@code CONTAINERS_CONF}, {@code CONTAINERS_CONF_OVERRIDE}, {@code CONTAINERS_STORAGE_CONF}) are used
 * as given, not re-rooted.
 *
 * @param root the file-system root
 * @param env the environment
 */
public record ConfigSources(Path root, Map<String, String> env) {
  public static final String CONTAINERS_CONF = "CONTAINERS_CONF";
  public static final String CONTAINERS_CONF_OVERRIDE = "CONTAINERS_CONF_OVERRIDE";
  public static final String CONTAINERS_STORAGE_CONF = "CONTAINERS_STORAGE_CONF";

  public static final String USR_SHARE_CONF = "/usr/share/containers/containers.conf";
  public static final String ETC_CONF = "/etc/containers/containers.conf";
  public static final String ETC_CONF_D = "/etc/containers/containers.conf.d";
  public static final String JPOD_STORAGE_CONF = "/etc/jpod/storage.conf";

  public ConfigSources {
    env = Map.copyOf(env);
  }

  /** The real machine: {@code /} and {@link System#getenv()}. */
  public static ConfigSources system() {
    return new ConfigSources(Path.of("/"), System.getenv());
  }

  /** {@code absolute} (e.g. {@code /etc/containers/containers.conf}) below {@link #root()}. */
  public Path path(String absolute) {
    return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
  }

  /** The non-empty value of an environment variable. */
  public Optional<String> getenv(String name) {
    String v = env.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /**
   * The containers.conf files to read, lowest priority first: {@code $CONTAINERS_CONF} alone if set,
   * else {@code /usr/share/containers/containers.conf}, {@code /etc/containers/containers.conf},
   * {@code /etc/containers/containers.conf.d/*.conf} (sorted by name), each only when it exists; then
   * {@code $CONTAINERS_CONF_OVERRIDE}. A file named by a variable must exist.
   */
  public List<Path> containersConfFiles() {
    List<Path> files = new ArrayList<>();
    Optional<String> explicit = getenv(CONTAINERS_CONF);
    if (explicit.isPresent()) {
      files.add(mustExist(CONTAINERS_CONF, explicit.get()));
    } else {
      addIfFile(files, path(USR_SHARE_CONF));
      addIfFile(files, path(ETC_CONF));
      Path dir = path(ETC_CONF_D);
      if (Files.isDirectory(dir)) {
        // plain loop, no streams or lambdas: this runs on every CLI start
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
          for (Path p : ds) {
            String n = p.getFileName().toString();
            if (n.endsWith(".conf") && Files.isRegularFile(p)) {
              names.add(n);
            }
          }
        } catch (IOException e) {
          throw JpodException.system("reading " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(names);
        for (String n : names) {
          files.add(dir.resolve(n));
        }
      }
    }
    Optional<String> override = getenv(CONTAINERS_CONF_OVERRIDE);
    if (override.isPresent()) {
      files.add(mustExist(CONTAINERS_CONF_OVERRIDE, override.get()));
    }
    return List.copyOf(files);
  }

  /**
   * The storage.conf jpod reads, if any: {@code $CONTAINERS_STORAGE_CONF} when set (even if missing:
   * then built-in defaults apply, as with podman), else {@code /etc/jpod/storage.conf} when it exists.
   * {@code /etc/containers/storage.conf} is never read implicitly (see {@link StorageConf}).
   */
  public Optional<Path> storageConfFile() {
    Optional<String> explicit = getenv(CONTAINERS_STORAGE_CONF);
    if (explicit.isPresent()) {
      return Optional.of(Path.of(explicit.get()));
    }
    Path own = path(JPOD_STORAGE_CONF);
    return Files.isRegularFile(own) ? Optional.of(own) : Optional.empty();
  }

  public HostFacts hostFacts() {
    return HostFacts.probe(root);
  }

  private static void addIfFile(List<Path> files, Path p) {
    if (Files.isRegularFile(p)) {
      files.add(p);
    }
  }

  private static Path mustExist(String var, String value) {
    Path p = Path.of(value);
    if (!Files.exists(p)) {
      throw JpodException.invalid(var + " file: stat " + value + ": no such file or directory");
    }
    return p;
  }
}
