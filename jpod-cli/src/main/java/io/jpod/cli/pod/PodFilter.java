package io.jpod.cli.pod;

import io.jpod.common.JpodException;
import io.jpod.core.pod.PodService.PodView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code pod ps --filter}: name (regex), id (prefix), status, label (key or key=value), ctr-names,
 * ctr-ids, ctr-status. Values of one key are alternatives; different keys must all match.
 */
record PodFilter(Map<String, List<String>> byKey) implements Predicate<PodView> {
  private static final List<String> KEYS =
      List.of("name", "id", "status", "label", "ctr-names", "ctr-ids", "ctr-status", "ctr-number");
  private static final List<String> STATUSES =
      List.of("stopped", "running", "paused", "exited", "dead", "created", "degraded");

  static PodFilter parse(List<String> filters) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw JpodException.invalid("filter input must be in the form of \"key=value\": " + f);
      }
      String key = f.substring(0, eq);
      String value = f.substring(eq + 1);
      if (!KEYS.contains(key)) {
        throw JpodException.invalid(key + " is an invalid filter");
      }
      if (key.equals("status") && !STATUSES.contains(value)) {
        throw JpodException.invalid("status must be one of: " + String.join(", ", STATUSES));
      }
      m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return new PodFilter(m);
  }

  @Override
  public boolean test(PodView v) {
    for (var e : byKey.entrySet()) {
      if (e.getValue().stream().noneMatch(value -> matches(e.getKey(), value, v))) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(String key, String value, PodView v) {
    return switch (key) {
      case "name" -> Pattern.compile(value).matcher(v.pod().name()).find();
      case "id" -> v.pod().id().startsWith(value);
      case "status" -> v.status().equalsIgnoreCase(value);
      case "label" -> {
        int eq = value.indexOf('=');
        var labels = v.pod().config().labels();
        yield eq < 0 ? labels.containsKey(value) : value.substring(eq + 1).equals(labels.get(value.substring(0, eq)));
      }
      case "ctr-names" -> v.containers().stream().anyMatch(c -> c.config().name().equals(value));
      case "ctr-ids" -> v.containers().stream().anyMatch(c -> c.config().id().startsWith(value));
      case "ctr-status" -> v.containers().stream().anyMatch(c -> c.state().status().cliName().equals(value));
      case "ctr-number" -> Integer.toString(v.containers().size()).equals(value);
      default -> false;
    };
  }
}
