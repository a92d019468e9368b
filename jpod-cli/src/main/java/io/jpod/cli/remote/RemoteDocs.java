package io.jpod.cli.remote;

import io.jpod.common.HumanTime;
import io.jpod.core.image.ImageSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's documents turned into what the CLI's printers take: a ps template row from a
 * ListContainer (as podman's psReporter computes it), an ImageSummary from the API's image list.
 */
public final class RemoteDocs {
  private RemoteDocs() {}

  /** The fields a {@code ps} table or template sees, from one ListContainer document. */
  public static Map<String, Object> psRow(Map<String, Object> c, boolean noTrunc) {
    Map<String, Object> m = new LinkedHashMap<>(c);
    String id = str(c.get("Id"));
    m.put("ID", noTrunc || id.length() < 12 ? id : id.substring(0, 12));
    List<String> cmd = strings(c.get("Command"));
    String command = String.join(" ", cmd);
    m.put("Command", noTrunc || command.length() <= 17 ? command : command.substring(0, 17) + "…");
    List<String> names = strings(c.get("Names"));
    m.put("Names", names.isEmpty() ? "" : names.getFirst());
    Instant created = instant(c.get("Created"));
    m.put("Created", created);
    m.put("CreatedHuman", HumanTime.ago(created));
    m.put("RunningFor", HumanTime.ago(created));
    m.put("Status", status(c));
    m.put("Ports", ports(c.get("Ports")));
    m.put("Networks", String.join(",", strings(c.get("Networks"))));
    m.put("Mounts", strings(c.get("Mounts")));
    m.put("Labels", c.get("Labels") == null ? Map.of() : c.get("Labels"));
    m.put("Size", "");
    String pod = str(c.get("Pod"));
    m.put("Pod", noTrunc || pod.length() < 12 ? pod : pod.substring(0, 12));
    return m;
  }

  /** podman's psReporter.Status: "Up 3 minutes", "Exited (0) 2 seconds ago", "Created". */
  static String status(Map<String, Object> c) {
    String state = str(c.get("State"));
    String s = switch (state) {
      case "running" -> "Up " + HumanTime.ago(Instant.ofEpochSecond(num(c.get("StartedAt"))));
      case "exited", "stopped" -> "Exited (" + num(c.get("ExitCode")) + ") " + HumanTime.ago(Instant.ofEpochSecond(num(c.get("ExitedAt"))));
      case "configured", "created" -> "Created";
      case "paused" -> "Paused";
      default -> state.isEmpty() ? "Unknown" : Character.toUpperCase(state.charAt(0)) + state.substring(1);
    };
    String health = str(c.get("Status"));
    return health.isEmpty() ? s : s + " (" + health + ")";
  }

  private static String ports(Object ports) {
    if (!(ports instanceof List<?> l)) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (Object o : l) {
      if (o instanceof Map<?, ?> p) {
        String ip = str(p.get("host_ip"));
        long hp = num(p.get("host_port"));
        long cp = num(p.get("container_port"));
        long range = Math.max(1, num(p.get("range")));
        String host = range > 1 ? hp + "-" + (hp + range - 1) : String.valueOf(hp);
        String ctr = range > 1 ? cp + "-" + (cp + range - 1) : String.valueOf(cp);
        out.add((ip.isEmpty() ? "0.0.0.0" : ip) + ":" + host + "->" + ctr + "/" + str(p.get("protocol")));
      }
    }
    return String.join(", ", out);
  }

  /** An image list element as the summary the CLI's image printers take. */
  @SuppressWarnings("unchecked")
  public static ImageSummary imageSummary(Map<String, Object> i) {
    List<String> names = strings(i.get("Names"));
    if (names.isEmpty()) {
      names = strings(i.get("RepoTags"));
    }
    String id = str(i.get("Id"));
    return new ImageSummary(id.startsWith("sha256:") ? id.substring(7) : id, names, strings(i.get("History")),
        str(i.get("Digest")), strings(i.get("RepoDigests")), Instant.ofEpochSecond(num(i.get("Created"))), num(i.get("Size")),
        i.get("Labels") instanceof Map<?, ?> l ? (Map<String, String>) l : null, (int) num(i.get("Containers")),
        Boolean.TRUE.equals(i.get("Dangling")), false, str(i.get("ParentId")), Boolean.TRUE.equals(i.get("ReadOnly")), "");
  }

  private static Instant instant(Object v) {
    if (v instanceof Number n) {
      return Instant.ofEpochSecond(n.longValue());
    }
    try {
      return java.time.OffsetDateTime.parse(str(v)).toInstant();
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }

  static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    if (o instanceof List<?> l) {
      l.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }
}
