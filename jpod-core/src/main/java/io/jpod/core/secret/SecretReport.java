package io.jpod.core.secret;

import io.jpod.core.spec.SpecGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * podman's SecretInfoReport, what {@code secret inspect} and the libpod API print: ID, CreatedAt,
 * UpdatedAt and Spec (Name, Driver {Name, Options}, Labels). Never the data.
 */
public final class SecretReport {
  private SecretReport() {}

  public static Map<String, Object> of(Secret s) {
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("Name", s.driver());
    driver.put("Options", new TreeMap<>(s.driverOptions()));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("Name", s.name());
    spec.put("Driver", driver);
    spec.put("Labels", new TreeMap<>(s.labels()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", s.id());
    m.put("CreatedAt", SpecGenerator.goRfc3339Nano(s.createdAt()));
    m.put("UpdatedAt", SpecGenerator.goRfc3339Nano(s.createdAt()));
    m.put("Spec", spec);
    return m;
  }
}
