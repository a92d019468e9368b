package io.jpod.core.secret;

import java.util.Map;

/**
 * A request to create a secret ({@code secret create}, {@code POST /libpod/secrets/create}).
 *
 * @param name the secret's name
 * @param data the secret's bytes (held by the driver, never in the metadata)
 * @param driver the driver, "file" when empty
 * @param driverOptions {@code --driver-opts}
 * @param labels {@code --label}
 */
public record SecretSpec(String name, byte[] data, String driver, Map<String, String> driverOptions,
    Map<String, String> labels) {

  public SecretSpec {
    driver = driver == null || driver.isEmpty() ? SecretService.FILE_DRIVER : driver;
    driverOptions = driverOptions == null ? Map.of() : Map.copyOf(driverOptions);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    data = data == null ? new byte[0] : data.clone();
  }

  /** A file-driver secret without labels. */
  public static SecretSpec of(String name, byte[] data) {
    return new SecretSpec(name, data, null, null, null);
  }
}
