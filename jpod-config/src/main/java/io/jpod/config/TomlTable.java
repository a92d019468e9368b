package io.jpod.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of one (merged) TOML table with typed getters that fall back to a default when a
 * key is absent. A present key of the wrong type throws {@link TypeMismatch}, which the loader turns
 * into an error naming the file that set it. Package-private: records build themselves from it in
 * their {@code from(TomlTable, HostFacts)} factories, the single place each key and default lives.
 */
final class TomlTable {
  static final TomlTable EMPTY = new TomlTable(JsonNodeFactory.instance.objectNode(), "");

  private final ObjectNode node;
  private final String prefix;

  TomlTable(ObjectNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  static TomlTable root(ObjectNode node) {
    return new TomlTable(node, "");
  }

  /** Thrown for a key whose value has the wrong TOML type. */
  static final class TypeMismatch extends RuntimeException {
    final String key;

    TypeMismatch(String key, String message) {
      super(message, null, false, false);
      this.key = key;
    }
  }

  boolean has(String key) {
    return node.has(key);
  }

  /** The sub-table {@code key}, or an empty table when absent. */
  TomlTable table(String key) {
    JsonNode v = node.get(key);
    if (v == null) {
      return new TomlTable(JsonNodeFactory.instance.objectNode(), prefix + key + ".");
    }
    if (!v.isObject()) {
      throw mismatch(key, "a table", v);
    }
    return new TomlTable((ObjectNode) v, prefix + key + ".");
  }

  String string(String key, String def) {
    JsonNode v = node.get(key);
    if (v == null) {
      return def;
    }
    if (!v.isTextual()) {
      throw mismatch(key, "a string", v);
    }
    return v.textValue();
  }

  long integer(String key, long def) {
    JsonNode v = node.get(key);
    if (v == null) {
      return def;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw mismatch(key, "an integer", v);
    }
    return v.longValue();
  }

  int int32(String key, int def) {
    long l = integer(key, def);
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new TypeMismatch(prefix + key, prefix + key + ": value " + l + " out of range");
    }
    return (int) l;
  }

  boolean bool(String key, boolean def) {
    JsonNode v = node.get(key);
    if (v == null) {
      return def;
    }
    if (!v.isBoolean()) {
      throw mismatch(key, "a boolean", v);
    }
    return v.booleanValue();
  }

  /**
   * A list of strings. A trailing {@code {append = true}} element (containers.conf 5 syntax) appends to
   * the default when no earlier file set the key (the merge already handled appends between files).
   */
  List<String> strings(String key, List<String> def) {
    JsonNode v = node.get(key);
    if (v == null) {
      return def;
    }
    return stringList(key, v, def);
  }

  private List<String> stringList(String key, JsonNode v, List<String> base) {
    if (!v.isArray()) {
      throw mismatch(key, "an array of strings", v);
    }
    List<String> out = new ArrayList<>(v.size());
    int n = v.size();
    if (n > 0 && isAppendMarker(v.get(n - 1))) {
      out.addAll(base);
      n--;
    }
    for (int i = 0; i < n; i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual()) {
        throw mismatch(key, "an array of strings", v);
      }
      out.add(e.textValue());
    }
    return List.copyOf(out);
  }

  /** A table of string values, merged per entry over {@code def}. */
  Map<String, String> stringMap(String key, Map<String, String> def) {
    JsonNode v = node.get(key);
    if (v == null) {
      return def;
    }
    if (!v.isObject()) {
      throw mismatch(key, "a table", v);
    }
    Map<String, String> out = new LinkedHashMap<>(def);
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isTextual()) {
        throw mismatch(key + "." + e.getKey(), "a string", e.getValue());
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return Collections.unmodifiableMap(out);
  }

  /** A table of string lists ({@code [engine.runtimes]}), merged per entry over {@code def}. */
  Map<String, List<String>> stringListMap(String key, Map<String, List<String>> def) {
    JsonNode v = node.get(key);
    if (v == null) {
      return def;
    }
    if (!v.isObject()) {
      throw mismatch(key, "a table", v);
    }
    Map<String, List<String>> out = new LinkedHashMap<>(def);
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      List<String> base = def.getOrDefault(e.getKey(), List.of());
      out.put(e.getKey(), stringList(key + "." + e.getKey(), e.getValue(), base));
    }
    return Collections.unmodifiableMap(out);
  }

  /** An array of inline tables, each viewed as a {@link TomlTable}; null when absent. */
  List<TomlTable> tables(String key) {
    JsonNode v = node.get(key);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw mismatch(key, "an array of tables", v);
    }
    List<TomlTable> out = new ArrayList<>(v.size());
    int i = 0;
    for (JsonNode e : v) {
      if (!e.isObject()) {
        throw mismatch(key, "an array of tables", v);
      }
      out.add(new TomlTable((ObjectNode) e, prefix + key + "[" + i++ + "]."));
    }
    return out;
  }

  /** The scalar entries of this table rendered as strings ({@code key → value}), in file order. */
  Map<String, String> scalars() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      if (v.isValueNode()) {
        out.put(e.getKey(), v.asText());
      }
    }
    return out;
  }

  private TypeMismatch mismatch(String key, String expected, JsonNode got) {
    String k = prefix + key;
    return new TypeMismatch(k, k + ": expected " + expected + ", got " + describe(got));
  }

  private static String describe(JsonNode v) {
    if (v.isTextual()) return "string";
    if (v.isIntegralNumber()) return "integer";
    if (v.isNumber()) return "float";
    if (v.isBoolean()) return "boolean";
    if (v.isArray()) return "array";
    if (v.isObject()) return "table";
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  // ---------------------------------------------------------------- merging

  static boolean isAppendMarker(JsonNode e) {
    return e.isObject() && e.size() == 1 && e.path("append").isBoolean() && e.get("append").booleanValue();
  }

  /**
   * Merges {@code over} into {@code base} per key: tables recurse (so {@code [engine.runtimes]} merges
   * per entry), everything else replaces, except arrays ending in {@code {append=true}}, which extend
   * the earlier array (keeping the marker when there was none, so the default gets extended later).
   */
  static void mergeInto(ObjectNode base, ObjectNode over) {
    for (Map.Entry<String, JsonNode> e : over.properties()) {
      String k = e.getKey();
      JsonNode v = e.getValue();
      JsonNode old = base.get(k);
      if (v.isObject() && old != null && old.isObject()) {
        mergeInto((ObjectNode) old, (ObjectNode) v);
      } else if (v.isArray()
          && !v.isEmpty()
          && isAppendMarker(v.get(v.size() - 1))
          && old != null
          && old.isArray()) {
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        ArrayNode oldArr = (ArrayNode) old;
        boolean oldMarker = !oldArr.isEmpty() && isAppendMarker(oldArr.get(oldArr.size() - 1));
        int oldN = oldMarker ? oldArr.size() - 1 : oldArr.size();
        for (int i = 0; i < oldN; i++) merged.add(oldArr.get(i).deepCopy());
        for (int i = 0; i < v.size() - 1; i++) merged.add(v.get(i).deepCopy());
        if (oldMarker) merged.add(oldArr.get(oldArr.size() - 1).deepCopy());
        base.set(k, merged);
      } else {
        base.set(k, v.deepCopy());
      }
    }
  }

  /** Whether {@code tree} sets the dotted {@code key} (used to find the file behind a type error). */
  static boolean sets(ObjectNode tree, String dottedKey) {
    JsonNode cur = tree;
    for (String part : dottedKey.replaceAll("\\[\\d+]", "").split("\\.")) {
      if (cur == null || !cur.isObject()) return false;
      cur = cur.get(part);
    }
    return cur != null;
  }
}
