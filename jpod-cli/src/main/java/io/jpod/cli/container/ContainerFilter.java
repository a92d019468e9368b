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
  private static final List<String> PS_KEYS = List.of("id", "name", "status", "label", "exited", "ancestor", "before",
      "since", "until", "health", "restart-policy", "volume", "network");
  /** container prune takes only these (podman: "name is an invalid filter"). */
  private static final List<String> PRUNE_KEYS = List.of("label", "until");

  private final Map<String, List<String>> byKey;
  /** A container's health status, for {@code health=} (read from its health log). */
  private final java.util.function.Function<ContainerRecord, String> health;
  /** before=/since=: the creation time of the container each value names; "until=V": V's time. */
  private final Map<String, java.time.Instant> created;

  private ContainerFilter(Map<String, List<String>> byKey, java.util.function.Function<ContainerRecord, String> health,
      Map<String, java.time.Instant> created) {
    this.byKey = byKey;
    this.health = health;
    this.created = created;
  }

  /** container prune's filters (label, until), checked before anything is removed. */
  static ContainerFilter prune(List<String> filters) {
    return parse(filters, PRUNE_KEYS, r -> "", null);
  }

  /**
   * ps's (and start's) filters; {@code lookup} finds the containers that before= and since= name,
   * failing as podman does for an unknown one.
   */
  static ContainerFilter parse(List<String> filters, java.util.function.Function<ContainerRecord, String> health,
      java.util.function.Function<String, ContainerRecord> lookup) {
    return parse(filters, PS_KEYS, health, lookup);
  }

  private static ContainerFilter parse(List<String> filters, List<String> keys,
      java.util.function.Function<ContainerRecord, String> health, java.util.function.Function<String, ContainerRecord> lookup) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    Map<String, java.time.Instant> created = new java.util.HashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw JpodException.invalid("invalid filter \"" + f + "\": filter must be of the form key=value");
      }
      String key = f.substring(0, eq);
      String value = f.substring(eq + 1);
      if (!keys.contains(key)) {
        throw JpodException.invalid(key + " is an invalid filter");
      }
      switch (key) {
        case "restart-policy" -> restartPolicyValue(value);
        case "until" -> created.put("until=" + value, until(value)); // "10m": ten minutes before now, once
        case "before", "since" -> created.put(value, lookup.apply(value).config().created());
        default -> { }
      }
      m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return new ContainerFilter(m, health, created);
  }

  private static java.time.Instant until(String v) {
    try {
      return LogsCommand.parseTime(v, "filter");
    } catch (JpodException e) {
      throw JpodException.invalid("failed to parse value as time or duration: \"" + v + "\"");
    }
  }

  @Override
  public boolean test(ContainerRecord r) {
    for (var e : byKey.entrySet()) {
      boolean any = false;
      for (String v : e.getValue()) {
        if (e.getKey().equals("health") ? health.apply(r).equals(v) : matches(e.getKey(), v, r, created)) {
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

  private static boolean matches(String key, String v, ContainerRecord r, Map<String, java.time.Instant> created) {
    var c = r.config();
    var st = r.state();
    return switch (key) {
      case "id" -> c.id().startsWith(v);
      case "name" -> c.name().equals(v) || java.util.regex.Pattern.compile(v).matcher(c.name()).find();
      case "status" -> {
        if (!List.of("created", "running", "paused", "stopped", "exited", "unknown", "initialized", "removing", "stopping").contains(v)) {
          throw JpodException.invalid(v + " is not a valid status");
        }
        // podman counts exited and stopped as one state here, whichever is asked for
        String s = st.status().cliName();
        yield s.equals(v) || ((v.equals("exited") || v.equals("stopped")) && (s.equals("exited") || s.equals("stopped")));
      }
      case "label" -> {
        int eq = v.indexOf('=');
        yield eq < 0 ? c.labels().containsKey(v) : v.substring(eq + 1).equals(c.labels().get(v.substring(0, eq)));
      }
      case "exited" -> !st.status().isAlive() && st.startedAt() != null && Integer.toString(st.exitCode()).equals(v);
      case "restart-policy" -> restartPolicyValue(v).equals(c.supervision().restartPolicy().name());
      case "ancestor" -> v.equals(c.imageName()) || (c.imageId() != null && c.imageId().startsWith(v))
          || c.imageName().equals("localhost/" + v + (v.contains(":") ? "" : ":latest"));
      case "before" -> c.created().isBefore(created.get(v));
      case "since" -> c.created().isAfter(created.get(v));
      case "until" -> c.created().isBefore(created.get("until=" + v));
      case "volume" -> volume(v, c.mounts());
      case "network" -> ContainerNetworkViews.networkNames(c).contains(v);
      default -> true;
    };
  }

  /** volume=SOURCE or volume=SOURCE:DESTINATION: a volume's name or a bind mount's host path, as podman matches. */
  private static boolean volume(String v, List<io.jpod.core.volume.MountConfig> mounts) {
    int colon = v.indexOf(':');
    String src = colon < 0 ? v : v.substring(0, colon);
    String dest = colon < 0 ? null : v.substring(colon + 1);
    for (var m : mounts) {
      if (src.equals(m.source()) && (dest == null || dest.equals(m.destination()))) {
        return true;
      }
    }
    return false;
  }

  /** podman's check of a restart-policy filter value; "none" stands for no policy given. */
  private static String restartPolicyValue(String v) {
    if (!List.of("always", "no", "on-failure", "unless-stopped", "none", "").contains(v)) {
      throw JpodException.invalid(v + " invalid restart policy");
    }
    return v.equals("none") ? "" : v;
  }
}
