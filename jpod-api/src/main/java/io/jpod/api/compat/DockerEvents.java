package io.jpod.api.compat;

import io.jpod.api.http.Filters;
import io.jpod.core.events.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/** jpod's (podman's) events in Docker's shape and vocabulary: die not died, destroy not remove. */
final class DockerEvents {
  private DockerEvents() {}

  /** Docker's action for a jpod event, or null when Docker has no such event (init, cleanup...). */
  static String action(Event e) {
    String s = e.status() == null ? "" : e.status();
    if ("container".equals(e.type())) {
      return switch (s) {
        case "died" -> "die";
        case "remove" -> "destroy";
        case "init", "cleanup", "mount", "unmount", "sync", "checkpoint", "refresh" -> null;
        case "exec" -> "exec_start";
        case "exec_died" -> "exec_die";
        case "health_status" -> e.healthStatus() == null ? s : s + ": " + e.healthStatus();
        default -> s;
      };
    }
    if ("image".equals(e.type())) {
      return switch (s) {
        case "remove" -> "delete";
        case "loadfromarchive" -> "load";
        default -> s;
      };
    }
    return s;
  }

  static boolean matches(Event e, String action, Filters f) {
    Map<String, String> attrs = e.attributes() == null ? Map.of() : e.attributes();
    return f.any("type", e.type()::equals)
        && f.any("event", v -> action.equals(v) || (v.equals("health_status") && action.startsWith("health_status")))
        && f.any("container", v -> "container".equals(e.type()) && (v.equals(e.name()) || (e.id() != null && e.id().startsWith(v))))
        && f.any("image", v -> v.equals(e.image()) || (e.image() != null && e.image().endsWith("/" + v)))
        && f.labels("label", attrs);
  }

  /**
   * The event as a JSON object: Docker's shape; on libpod paths podman's entities.Event, whose
   * health_status keeps its bare action and carries the status in {@code HealthStatus}.
   */
  static Map<String, Object> toDocker(Event e, boolean libpod) {
    Map<String, Object> m = toDocker(e);
    if (libpod && e.healthStatus() != null) {
      m.put("status", e.status());
      m.put("Action", e.status());
      m.put("HealthStatus", e.healthStatus());
    }
    return m;
  }

  static Map<String, Object> toDocker(Event e) {
    String action = action(e);
    Map<String, String> attrs = new LinkedHashMap<>();
    if (e.attributes() != null) {
      attrs.putAll(e.attributes());
    }
    if (e.image() != null && "container".equals(e.type())) {
      attrs.put("image", e.image());
    }
    if (e.name() != null) {
      attrs.put("name", e.name());
    }
    if ("die".equals(action) || "exec_die".equals(action)) {
      attrs.put("exitCode", String.valueOf(e.containerExitCode() == null ? 0 : e.containerExitCode()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", action);
    m.put("id", e.id());
    if (e.image() != null) {
      m.put("from", e.image());
    }
    m.put("Type", e.type());
    m.put("Action", action);
    m.put("Actor", Map.of("ID", e.id() == null ? "" : e.id(), "Attributes", attrs));
    m.put("scope", "local");
    long nanos = e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano();
    m.put("time", e.time().getEpochSecond());
    m.put("timeNano", nanos);
    return m;
  }
}
