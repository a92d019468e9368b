package io.jpod.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code filters} query parameter: a JSON map from key to values, in the CLI's map form
 * ({@code {"label":{"a=b":true}}}) or docker-java's list form ({@code {"label":["a=b"]}}). Repeats of
 * one key are alternatives, except {@code label}, where each must hold; different keys must all hold.
 */
public record Filters(Map<String, List<String>> values) {
  public static final Filters NONE = new Filters(Map.of());

  public static Filters parse(String raw, ObjectMapper json) {
    if (raw == null || raw.isBlank()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = json.readTree(raw);
    } catch (Exception e) {
      throw JpodException.invalid("invalid filter: " + firstLine(e.getMessage()));
    }
    if (root == null || root.isNull()) {
      return NONE;
    }
    if (!root.isObject()) {
      throw JpodException.invalid("invalid filter: expected a JSON object");
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (var e : root.properties()) {
      List<String> vals = new ArrayList<>();
      JsonNode v = e.getValue();
      if (v.isArray()) {
        v.forEach(x -> vals.add(x.asText()));
      } else if (v.isObject()) {
        v.properties().forEach(x -> {
          if (x.getValue().asBoolean(true)) {
            vals.add(x.getKey());
          }
        });
      } else if (v.isTextual()) {
        vals.add(v.asText());
      } else if (!v.isNull()) {
        throw JpodException.invalid("invalid filter: values of \"" + e.getKey() + "\" must be a list or a map");
      }
      out.put(e.getKey(), List.copyOf(vals));
    }
    return new Filters(Map.copyOf(out));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed JSON";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Fails with a 400 when a key is not one of {@code allowed}. */
  public Filters allow(Set<String> allowed) {
    for (String k : values.keySet()) {
      if (!allowed.contains(k)) {
        throw JpodException.invalid("invalid filter '" + k + "'");
      }
    }
    return this;
  }

  public List<String> get(String key) {
    return values.getOrDefault(key, List.of());
  }

  public boolean has(String key) {
    return !get(key).isEmpty();
  }

  /** True when {@code key} is absent or one of its values passes. */
  public boolean any(String key, Predicate<String> test) {
    List<String> v = get(key);
    return v.isEmpty() || v.stream().anyMatch(test);
  }

  /** {@code label} filters: each value must match ({@code k} = key present, {@code k=v} = value). */
  public boolean labels(String key, Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (String f : get(key)) {
      int eq = f.indexOf('=');
      boolean ok = eq < 0 ? l.containsKey(f) : f.substring(eq + 1).equals(l.get(f.substring(0, eq)));
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
