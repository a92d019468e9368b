package io.jpod.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code json.MarshalIndent(v, prefix, indent)} for the documents podman writes and prints
 * byte for byte (network files, {@code mount}, {@code diff}): maps in their iteration order, lists,
 * strings, booleans and numbers; empty collections as {} and []; "key": value; and &lt; &gt; &amp;
 * escaped as Go escapes them.
 */
public final class GoJson {
  private GoJson() {}

  public static String marshalIndent(Object value, String prefix, String indent) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, prefix, indent, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, String prefix, String indent, int depth) {
    switch (v) {
      case null -> sb.append("null");
      case Map<?, ?> m when m.isEmpty() -> sb.append("{}");
      case List<?> l when l.isEmpty() -> sb.append("[]");
      case Map<?, ?> m -> {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          sb.append(first ? "" : ",");
          first = false;
          newline(sb, prefix, indent, depth + 1);
          sb.append(quote(String.valueOf(e.getKey()))).append(": ");
          write(sb, e.getValue(), prefix, indent, depth + 1);
        }
        newline(sb, prefix, indent, depth);
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          sb.append(i == 0 ? "" : ",");
          newline(sb, prefix, indent, depth + 1);
          write(sb, l.get(i), prefix, indent, depth + 1);
        }
        newline(sb, prefix, indent, depth);
        sb.append(']');
      }
      case Boolean b -> sb.append(b);
      case Number n -> sb.append(n);
      default -> sb.append(quote(String.valueOf(v)));
    }
  }

  private static void newline(StringBuilder sb, String prefix, String indent, int depth) {
    sb.append('\n').append(prefix).append(indent.repeat(depth));
  }

  private static String quote(String s) {
    try {
      return Json.mapper().writeValueAsString(s).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
