package io.jpod.cli.format;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * YAML as podman prints {@code info} (go-yaml v3): two-space indentation, keys sorted, list items at
 * their key's indentation, multi-line strings as literal blocks, and strings that would read back as
 * another type (numbers, booleans, null) or contain YAML syntax quoted.
 */
public final class GoYaml {
  private GoYaml() {}

  private static final Pattern PLAIN_SCALAR = Pattern.compile(
      "(?i)(|~|null|true|false|yes|no|on|off|y|n|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-f]+|0o[0-7]+|[-+]?\\.inf|\\.nan)");

  /** The document for {@code map}, ending with a newline. */
  public static String write(Map<?, ?> map) {
    StringBuilder sb = new StringBuilder();
    writeMap(sb, map, 0);
    return sb.toString();
  }

  private static void writeMap(StringBuilder sb, Map<?, ?> map, int indent) {
    String pad = " ".repeat(indent);
    Map<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    for (var e : sorted.entrySet()) {
      Object v = e.getValue();
      sb.append(pad).append(key(e.getKey())).append(':');
      if (v instanceof Map<?, ?> m && !m.isEmpty()) {
        sb.append('\n');
        writeMap(sb, m, indent + 2);
      } else if (v instanceof Map<?, ?>) {
        sb.append(" {}\n");
      } else if (v instanceof List<?> l && !l.isEmpty()) {
        sb.append('\n');
        for (Object item : l) {
          sb.append(pad).append("- ").append(scalar(item, indent + 2)).append('\n');
        }
      } else if (v instanceof List<?>) {
        sb.append(" []\n");
      } else {
        sb.append(' ').append(scalar(v, indent + 2)).append('\n');
      }
    }
  }

  private static String key(String k) {
    return k.contains(": ") || k.endsWith(":") ? "'" + k + "'" : k;
  }

  static String scalar(Object v, int blockIndent) {
    if (v == null) {
      return "null";
    }
    if (!(v instanceof String s)) {
      return String.valueOf(v);
    }
    if (s.contains("\n")) {
      String pad = " ".repeat(blockIndent);
      String body = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
      return (s.endsWith("\n") ? "|" : "|-") + "\n" + pad + body.replace("\n", "\n" + pad);
    }
    if (s.isEmpty() || PLAIN_SCALAR.matcher(s).matches()) {
      return "\"" + s + "\"";
    }
    if (s.contains(": ") || s.contains(" #") || s.startsWith(" ") || s.endsWith(" ") || s.endsWith(":")
        || "-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0) {
      return "'" + s.replace("'", "''") + "'";
    }
    return s;
  }
}
