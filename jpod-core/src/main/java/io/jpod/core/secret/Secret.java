package io.jpod.core.secret;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One secret's metadata as podman keeps it in {@code secrets.json}; the data itself lives with the
 * driver. podman 4.3.1 never updates a secret, so its UpdatedAt is always its creation time.
 *
 * @param id 25 hex characters
 * @param name unique among the secrets
 * @param labels {@code --label} values
 * @param createdAt when it was created
 * @param driver the driver holding the data ("file")
 * @param driverOptions the driver's options, including the file driver's {@code path}
 */
public record Secret(String id, String name, Map<String, String> labels, Instant createdAt, String driver,
    Map<String, String> driverOptions) {

  public Secret {
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    driverOptions =
        driverOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(driverOptions));
  }
}
