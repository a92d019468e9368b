package io.jpod.core.image;

import io.jpod.common.JpodException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * podman 4's image filters ({@code images --filter}, {@code image prune --filter}): {@code key=value} or
 * {@code key!=value}; filters with the same key are OR-ed, different keys AND-ed. Keys: {@code
 * reference} (Go path.Match on the name and its parts), {@code before}/{@code since}/{@code after} (an
 * image's creation time), {@code until} (a time or duration), {@code dangling}, {@code intermediate},
 * {@code readonly}, {@code containers} (true/false/external), {@code label} and {@code id} (the full id).
 */
public final class ImageFilter implements Predicate<ImageSummary> {
  private final Map<String, List<Predicate<ImageSummary>>> byKey;

  private ImageFilter(Map<String, List<Predicate<ImageSummary>>> byKey) {
    this.byKey = byKey;
  }

  /** A filter that lets every image through. */
  public static ImageFilter none() {
    return new ImageFilter(Map.of());
  }

  /**
   * Compiles {@code filters}; errors are podman's messages.
   *
   * @param createdOf the creation time of the image a {@code before}/{@code since} value names; throws
   *     when there is no such image
   * @param now the reference time for {@code until} durations
   * @param localZone the zone of {@code until} timestamps that name none
   */
  public static ImageFilter parse(List<String> filters, Function<String, Instant> createdOf, Instant now,
      ZoneOffset localZone) {
    Map<String, List<Predicate<ImageSummary>>> byKey = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String f : filters) {
      boolean negate = false;
      String key;
      String value;
      int ne = f.indexOf("!=");
      if (ne >= 0) {
        negate = true;
        key = f.substring(0, ne);
        value = f.substring(ne + 2);
      } else {
        int eq = f.indexOf('=');
        if (eq < 0) {
          throw JpodException.invalid("invalid image filter \"" + f + "\": must be in the format "
              + "\"filter=value or filter!=value\"");
        }
        key = f.substring(0, eq);
        value = f.substring(eq + 1);
      }
      Predicate<ImageSummary> p = switch (key) {
        case "after", "since" -> {
          Instant t = created(createdOf, key, value);
          key = "since";
          yield s -> s.created().isAfter(t);
        }
        case "before" -> {
          Instant t = created(createdOf, key, value);
          yield s -> s.created().isBefore(t);
        }
        case "containers" -> {
          once(seen, key, value);
          if (!List.of("true", "false", "external").contains(value)) {
            throw JpodException.invalid("unsupported value \"" + value + "\" for containers filter");
          }
          // jpod knows no external (build) containers: "external" holds for images no container uses.
          yield value.equals("true") ? s -> s.containers() > 0 : s -> s.containers() == 0;
        }
        case "dangling" -> {
          boolean b = bool(seen, key, value);
          yield s -> s.dangling() == b;
        }
        case "intermediate" -> {
          boolean b = bool(seen, key, value);
          yield s -> s.intermediate() == b;
        }
        case "readonly" -> {
          boolean b = bool(seen, key, value);
          yield s -> s.readOnly() == b;
        }
        case "id" -> s -> s.id().equals(value);
        case "label" -> s -> labelMatches(value, s.labels());
        case "reference" -> s -> ImageRefs.matchesReference(value, s.names());
        case "until" -> {
          Instant t = Timestamps.parse(value, now, localZone);
          yield s -> s.created().isBefore(t);
        }
        default -> throw JpodException.invalid("unsupported image filter \"" + key + "\"");
      };
      byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(negate ? p.negate() : p);
    }
    return new ImageFilter(byKey);
  }

  @Override
  public boolean test(ImageSummary s) {
    for (List<Predicate<ImageSummary>> any : byKey.values()) {
      if (any.stream().noneMatch(p -> p.test(s))) {
        return false;
      }
    }
    return true;
  }

  /** containers/common's MatchLabelFilters for one value: {@code key} or {@code key=value} ({@code key=} = any value). */
  static boolean labelMatches(String filter, Map<String, String> labels) {
    if (labels == null) {
      return false;
    }
    int eq = filter.indexOf('=');
    String k = eq < 0 ? filter : filter.substring(0, eq);
    String v = eq < 0 ? "" : filter.substring(eq + 1);
    return labels.containsKey(k) && (v.isEmpty() || v.equals(labels.get(k)));
  }

  private static Instant created(Function<String, Instant> createdOf, String key, String value) {
    try {
      return createdOf.apply(value);
    } catch (JpodException e) {
      throw JpodException.invalid("could not find local image for filter filter \"" + key + "\"=\"" + value + "\": "
          + e.getMessage());
    }
  }

  private static void once(Map<String, String> seen, String key, String value) {
    String prev = seen.putIfAbsent(key, value);
    if (prev != null && !prev.equals(value)) {
      throw JpodException.invalid("specifying \"" + key + "\" filter more than once with different values is not supported");
    }
  }

  /** strconv.ParseBool, with podman's (argument-swapped) message. */
  private static boolean bool(Map<String, String> seen, String key, String value) {
    once(seen, key, value);
    return switch (value) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> throw JpodException.invalid("non-boolean value \"" + key + "\" for " + value
          + " filter: strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
    };
  }
}
