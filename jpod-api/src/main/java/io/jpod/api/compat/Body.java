package io.jpod.api.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads from a JSON request body that tolerate what clients send (missing objects, explicit
 * nulls, unknown keys) and turn a wrong type into a 400 naming the field.
 */
final class Body {
  private Body() {}

  static JsonNode obj(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw wrong(field, "an object", n);
    }
    return n;
  }

  static String str(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw wrong(field, "a string", n);
    }
    return n.asText();
  }

  static boolean bool(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw wrong(field, "a boolean", n);
    }
    return n.asBoolean();
  }

  static Long num(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber()) {
      throw wrong(field, "an integer", n);
    }
    return n.asLong();
  }

  /** A string list; Docker's strslice also accepts one string. Null when absent. */
  static List<String> strs(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n != null && n.isTextual()) {
      return List.of(n.asText());
    }
    return strList(parent, field);
  }

  /** A plain []string field (Env, Binds, Dns...): unlike a strslice, one string is a type error. */
  static List<String> strList(JsonNode parent, String field) {
    JsonNode n = parent == null ? null : parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw wrong(field, "a list of strings", n);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      if (!x.isTextual()) {
        throw wrong(field, "a list of strings", n);
      }
      out.add(x.asText());
    }
    return out;
  }

  /** The elements of a list of objects (PortBindings, Mounts, Ulimits...); empty when absent. */
  static List<JsonNode> objects(JsonNode list, String field) {
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw wrong(field, "a list", list);
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode x : list) {
      if (!x.isObject()) {
        throw wrong(field, "a list of objects", list);
      }
      out.add(x);
    }
    return out;
  }

  static Map<String, String> strMap(JsonNode parent, String field) {
    JsonNode n = obj(parent, field);
    Map<String, String> out = new LinkedHashMap<>();
    if (n != null) {
      for (var e : n.properties()) {
        if (!e.getValue().isTextual() && !e.getValue().isNull()) {
          throw wrong(field + "." + e.getKey(), "a string", e.getValue());
        }
        out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
      }
    }
    return out;
  }

  static JpodException wrong(String field, String expected, JsonNode got) {
    return JpodException.invalid("json: cannot unmarshal " + got.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
        + " into field " + field + ": expected " + expected);
  }
}
