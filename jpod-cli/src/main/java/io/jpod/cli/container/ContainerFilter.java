package io.jpod.cli.container;

import io.jpod.common.JpodException;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * podman's container filters ({@code ps --filter}, {@code container prune --filter}): values of the
 * same key are OR-ed, different keys AND-ed.
 */
final class ContainerFilter implements Predicate<ContainerRecord> {
  private final Map<String, List<String>> byKey;
  /** A container's health status, for {@code health=} (read from its health log). */
  private final java.util.function.Function<ContainerRecord, String> health;

  private ContainerFilter(Map<String, List<String>> byKey, java.util.function.Function<ContainerRecord, String> health) {
    this.byKey = byKey;
    this.health = health;
  }

  static ContainerFilter parse(List<String> filters) {
    return parse(filters, r -> "");
  }

  static ContainerFilter parse(List<String> filters, java.util.function.Function<ContainerRecord, String> health) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw JpodException.invalid("invalid filter \"" + f + "\": filter must be of the form key=value");
      }
      String key = f.substring(0, eq);
      if (!List.of("id", "name", "status", "label", "exited", "ancestor", "before", "since", "until", "health",
          "restart-policy").contains(key)) {
        throw JpodException.invalid("invalid filter \"" + key + "\"");
      }
      if (key.equals("restart-policy")) {
        restartPolicyValue(f.substring(eq + 1));
      }
      m.computeIfAbsent(key, k -> new ArrayList<>()).add(f.substring(eq + 1));
    }
    return new ContainerFilter(m, health);
  }

  @Override
  public boolean test(ContainerRecord r) {
    for (var e : byKey.entrySet()) {
      boolean any = false;
      for (String v : e.getValue()) {
        if (e.getKey().equals("health") ? health.apply(r).equals(v) : matches(e.getKey(), v, r)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(String key, String v, ContainerRecord r) {
    var c = r.config();
    var st = r.state();
    return switch (key) {
      case "id" -> c.id().startsWith(v);
      case "name" -> c.name().equals(v) || java.util.regex.Pattern.compile(v).matcher(c.name()).find();
      case "status" -> {
        if (!List.of("created", "running", "paused", "stopped", "exited", "unknown", "initialized", "removing", "stopping").contains(v)) {
          throw JpodException.invalid(v + " is not a valid status");
        }
        yield st.status().cliName().equals(v) || (v.equals("exited") && st.status().cliName().equals("stopped"));
      }
      case "label" -> {
        int eq = v.indexOf('=');
        yield eq < 0 ? c.labels().containsKey(v) : v.substring(eq + 1).equals(c.labels().get(v.substring(0, eq)));
      }
      case "exited" -> !st.status().isAlive() && st.startedAt() != null && Integer.toString(st.exitCode()).equals(v);
      case "restart-policy" -> restartPolicyValue(v).equals(c.supervision().restartPolicy().name());
      case "ancestor" -> v.equals(c.imageName()) || (c.imageId() != null && c.imageId().startsWith(v))
          || c.imageName().equals("localhost/" + v + (v.contains(":") ? "" : ":latest"));
      default -> true;
    };
  }

  /** podman's check of a restart-policy filter value; "none" stands for no policy given. */
  private static String restartPolicyValue(String v) {
    if (!List.of("always", "no", "on-failure", "unless-stopped", "none", "").contains(v)) {
      throw JpodException.invalid(v + " invalid restart policy");
    }
    return v.equals("none") ? "" : v;
  }
}
