package io.jpod.cli.container;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jpod.common.Json;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code json.MarshalIndent} for the small documents mount and diff print (maps, lists, strings):
 * a configurable indent, "key": value, empty collections as {} and [], and &lt; &gt; &amp; escaped as
 * Go escapes them.
 */
final class GoIndentedJson {
  private GoIndentedJson() {}

  static String write(Object value, String indent) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, indent, 0);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v, String indent, int depth) {
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
          newline(sb, indent, depth + 1);
          sb.append(quote(String.valueOf(e.getKey()))).append(": ");
          write(sb, e.getValue(), indent, depth + 1);
        }
        newline(sb, indent, depth);
        sb.append('}');
      }
      case List<?> l -> {
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          sb.append(i == 0 ? "" : ",");
          newline(sb, indent, depth + 1);
          write(sb, l.get(i), indent, depth + 1);
        }
        newline(sb, indent, depth);
        sb.append(']');
      }
      default -> sb.append(quote(String.valueOf(v)));
    }
  }

  private static void newline(StringBuilder sb, String indent, int depth) {
    sb.append('\n').append(indent.repeat(depth));
  }

  private static String quote(String s) {
    try {
      return Json.mapper().writeValueAsString(s).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
