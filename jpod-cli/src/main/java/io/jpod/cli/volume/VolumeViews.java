package io.jpod.cli.volume;

import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.volume.VolumeRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Volumes as podman shows them: the inspect document (also ls's JSON and template data) and ls filters. */
public final class VolumeViews {
  private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnXXX");

  private VolumeViews() {}

  /** podman's InspectVolumeData as JSON: empty flags left out, as Go's omitempty does. */
  static Map<String, Object> inspect(Libpod libpod, VolumeRecord v) {
    return inspect(libpod, v, false);
  }

  /**
   * With {@code full}, the fields JSON leaves out are there with their zero values: Go templates see
   * every struct field ({@code {{.NeedsCopyUp}}} prints false, not {@code <no value>}).
   */
  public static Map<String, Object> inspect(Libpod libpod, VolumeRecord v, boolean full) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", v.name());
    m.put("Driver", v.config().driver());
    m.put("Mountpoint", libpod.volumes().mountPoint(v.name()).toString());
    m.put("CreatedAt", goTime(v.config().created()));
    m.put("Labels", new TreeMap<>(v.config().labels()));
    m.put("Scope", "local");
    m.put("Options", v.config().sortedOptions());
    int uid = v.config().uid() == null ? 0 : v.config().uid();
    int gid = v.config().gid() == null ? 0 : v.config().gid();
    if (full || uid != 0) {
      m.put("UID", uid);
    }
    if (full || gid != 0) {
      m.put("GID", gid);
    }
    if (full || v.config().anonymous()) {
      m.put("Anonymous", v.config().anonymous());
    }
    m.put("MountCount", v.state().mountCount());
    if (full || v.state().needsCopyUp()) {
      m.put("NeedsCopyUp", v.state().needsCopyUp());
    }
    if (full || v.state().needsChown()) {
      m.put("NeedsChown", v.state().needsChown());
    }
    return m;
  }

  /** Go's RFC3339Nano: local time, trailing zeros of the fraction dropped. */
  static String goTime(Instant t) {
    String s = NANOS.format(t.atZone(ZoneId.systemDefault()));
    int dot = s.indexOf('.');
    int zone = dot + 10;
    String frac = s.substring(dot + 1, zone).replaceAll("0+$", "");
    return s.substring(0, dot) + (frac.isEmpty() ? "" : "." + frac) + s.substring(zone);
  }

  /**
   * podman's volume filters (name, driver, scope, label, label!, opt, dangling, anonymous), combined:
   * values of one key are alternatives, different keys must all match.
   */
  public static Predicate<VolumeRecord> filter(Libpod libpod, List<String> filters) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq <= 0) {
        throw JpodException.invalid("invalid filter \"" + f + "\"");
      }
      byKey.computeIfAbsent(f.substring(0, eq), k -> new java.util.ArrayList<>()).add(f.substring(eq + 1));
    }
    Predicate<VolumeRecord> all = v -> true;
    for (var e : byKey.entrySet()) {
      List<String> values = e.getValue();
      Predicate<VolumeRecord> any = switch (e.getKey()) {
        case "name" -> v -> values.stream().anyMatch(x -> Pattern.compile(x).matcher(v.name()).find());
        case "driver" -> v -> values.contains(v.config().driver());
        case "scope" -> v -> values.contains("local");
        case "label" -> v -> values.stream().anyMatch(x -> labelMatches(v.config().labels(), x));
        case "label!" -> v -> values.stream().noneMatch(x -> labelMatches(v.config().labels(), x));
        case "opt" -> v -> values.stream().anyMatch(x -> labelMatches(v.config().options(), x));
        case "anonymous" -> v -> values.stream().anyMatch(x -> bool(e.getKey(), x) == v.config().anonymous());
        case "dangling" -> v -> values.stream().anyMatch(x -> bool(e.getKey(), x) == libpod.volumes().users(v.name()).isEmpty());
        default -> throw JpodException.invalid("\"" + e.getKey() + "\" is an invalid volume filter");
      };
      all = all.and(any);
    }
    return all;
  }

  private static boolean labelMatches(Map<String, String> labels, String filter) {
    int eq = filter.indexOf('=');
    if (eq < 0) {
      return labels.containsKey(filter);
    }
    return filter.substring(eq + 1).equals(labels.get(filter.substring(0, eq)));
  }

  private static boolean bool(String key, String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw JpodException.invalid("failed to parse " + key + " filter value " + value + ": invalid argument");
    };
  }
}
