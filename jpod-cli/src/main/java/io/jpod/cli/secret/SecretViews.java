package io.jpod.cli.secret;

import io.jpod.cli.HumanTime;
import io.jpod.core.secret.Secret;
import io.jpod.core.spec.SpecGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** The shapes podman 4.3.1 prints secrets in: list rows, inspect documents, {@code --pretty} text. */
final class SecretViews {
  private SecretViews() {}

  /** A {@code secret ls} row (SecretListReport): times as "4 seconds ago". */
  static Map<String, Object> row(Secret s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", s.id());
    m.put("Name", s.name());
    m.put("Driver", s.driver());
    m.put("CreatedAt", HumanTime.ago(s.createdAt()));
    m.put("UpdatedAt", HumanTime.ago(s.createdAt()));
    return m;
  }

  /** A {@code secret inspect} document (SecretInfoReport). */
  static Map<String, Object> inspect(Secret s) {
    return io.jpod.core.secret.SecretReport.of(s);
  }

  /** podman 4.3.1's {@code --pretty} template, spaces and all. */
  static String pretty(Secret s) {
    StringBuilder sb = new StringBuilder();
    sb.append("ID:              ").append(s.id()).append('\n');
    sb.append("Name:              ").append(s.name()).append('\n');
    if (!s.labels().isEmpty()) {
      sb.append("Labels:\n");
      new TreeMap<>(s.labels()).forEach((k, v) -> sb.append(" - ").append(k).append('=').append(v).append('\n'));
    }
    sb.append("Driver:            ").append(s.driver()).append('\n');
    sb.append("Created at:        ").append(goTimeString(s.createdAt())).append('\n');
    sb.append("Updated at:        ").append(goTimeString(s.createdAt())).append('\n');
    return sb.toString();
  }

  /** Go's time.Time.String() of a UTC time: {@code 2026-12-02 10:35:11.507856396 +0000 UTC}. */
  static String goTimeString(Instant t) {
    String rfc = SpecGenerator.goRfc3339Nano(t);
    return rfc.substring(0, rfc.length() - 1).replace('T', ' ') + " +0000 UTC";
  }

  /** {@code --filter KEY=VALUE} flags as podman's filter map. */
  static Predicate<Secret> filter(List<String> filters) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      byKey.computeIfAbsent(eq < 0 ? f : f.substring(0, eq), k -> new java.util.ArrayList<>())
          .add(eq < 0 ? "" : f.substring(eq + 1));
    }
    return io.jpod.core.secret.SecretFilter.of(byKey);
  }
}
