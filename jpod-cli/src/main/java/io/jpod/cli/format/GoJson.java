package io.jpod.cli.format;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.Json;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * JSON as Go's encoding/json writes it (HTML escaping off, as podman sets it): compact for the
 * {@code json} template function, four-space indented for {@code --format json}. Maps keep insertion
 * order when they are LinkedHashMaps or SortedMaps (they stand in for Go structs); other maps are sorted
 * by key like Go maps. Records use their component names (or {@code @JsonProperty}); times are RFC 3339.
 */
final class GoJson {
  private GoJson() {}

  private static final ObjectMapper MAPPER = Json.mapper();

  static String compact(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, null, 0);
    return sb.toString();
  }

  static String indented(Object v) {
    return indented(v, "    ");
  }

  static String indented(Object v, String indent) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, indent, 0);
    return sb.toString();
  }

  private static void newline(StringBuilder sb, String indent, int depth) {
    if (indent != null) {
      sb.append('\n').append(indent.repeat(depth));
    }
  }

  private static void write(StringBuilder sb, Object v, String indent, int depth) {
    v = GoValues.unwrap(v);
    if (v == null || v == GoValues.NO_VALUE || GoNil.isNil(v)) {
      sb.append("null");
    } else if (v instanceof String || v instanceof Character || v instanceof Enum<?> || v instanceof HeaderValue) {
      sb.append(quote(v instanceof Enum<?> e ? e.name() : v.toString(), false));
    } else if (v instanceof Boolean || GoValues.isInteger(v)) {
      sb.append(v);
    } else if (v instanceof Double || v instanceof Float) {
      sb.append(GoValues.formatFloat(((Number) v).doubleValue(), -6, 21));
    } else if (v instanceof BigDecimal d) {
      sb.append(d.toPlainString());
    } else if (v instanceof Instant t) {
      sb.append(quote(rfc3339(t.atZone(ZoneId.systemDefault())), false));
    } else if (v instanceof ZonedDateTime z) {
      sb.append(quote(rfc3339(z), false));
    } else if (v instanceof OffsetDateTime o) {
      sb.append(quote(rfc3339(o.toZonedDateTime()), false));
    } else if (v instanceof Duration d) {
      sb.append(d.toNanos());
    } else if (v instanceof Map<?, ?> m) {
      Map<?, ?> ordered = m instanceof LinkedHashMap<?, ?> || m instanceof SortedMap<?, ?> ? m : GoValues.sorted(m);
      writeObject(sb, ordered, indent, depth);
    } else if (GoValues.isList(v)) {
      List<Object> list = GoValues.asList(v);
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        newline(sb, indent, depth + 1);
        write(sb, list.get(i), indent, depth + 1);
      }
      newline(sb, indent, depth);
      sb.append(']');
    } else if (v instanceof Record r) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        JsonProperty jp = c.getAccessor().getAnnotation(JsonProperty.class);
        if (jp == null) {
          jp = c.getAnnotation(JsonProperty.class);
        }
        String name = jp != null && !jp.value().isEmpty() ? jp.value() : c.getName();
        fields.put(name, TemplateEvaluator.component(r, c));
      }
      writeObject(sb, fields, indent, depth);
    } else if (v instanceof JsonNode node) {
      writeNode(sb, node, indent, depth);
    } else {
      writeNode(sb, MAPPER.valueToTree(v), indent, depth);
    }
  }

  private static void writeObject(StringBuilder sb, Map<?, ?> m, String indent, int depth) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      newline(sb, indent, depth + 1);
      sb.append(quote(String.valueOf(e.getKey()), false)).append(indent == null ? ":" : ": ");
      write(sb, e.getValue(), indent, depth + 1);
    }
    newline(sb, indent, depth);
    sb.append('}');
  }

  private static void writeNode(StringBuilder sb, JsonNode n, String indent, int depth) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        m.put(e.getKey(), e.getValue());
      }
      writeObject(sb, m, indent, depth);
    } else if (n.isArray()) {
      write(sb, n.isEmpty() ? List.of() : iterable(n), indent, depth);
    } else if (n.isTextual()) {
      sb.append(quote(n.textValue(), false));
    } else if (n.isFloatingPointNumber()) {
      sb.append(GoValues.formatFloat(n.doubleValue(), -6, 21));
    } else if (n.isNull() || n.isMissingNode()) {
      sb.append("null");
    } else {
      sb.append(n.asText());
    }
  }

  private static List<Object> iterable(JsonNode n) {
    List<Object> out = new java.util.ArrayList<>();
    n.forEach(out::add);
    return out;
  }

  static String rfc3339(ZonedDateTime z) {
    String base = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(z);
    if (z.getNano() != 0) {
      base += "." + String.format("%09d", z.getNano()).replaceAll("0+$", "");
    }
    int off = z.getOffset().getTotalSeconds();
    return base + (off == 0 ? "Z" : DateTimeFormatter.ofPattern("xxx").format(z));
  }

  /** A Go-quoted string: JSON escaping (no HTML escaping), or strconv.Quote style when {@code goQuote}. */
  static String quote(String s, boolean goQuote) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f && goQuote) {
            sb.append(goQuote ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
          } else if (!goQuote && (c == '\u2028' || c == '\u2029')) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
