package io.jpod.cli.format;

import java.util.Map;

/**
 * Stand-in for a field when a {@code table} format renders its header row: prints as the column header.
 * Fields of it give the upper-cased dotted path ({@code .State.Status} becomes {@code STATE.STATUS}).
 */
record HeaderValue(String path, String text) {
  /** The header root: {@code .Field} on it yields the override or the camel-case-split field name. */
  record Root(Map<String, String> overrides) {}

  HeaderValue field(String name, Map<String, String> overrides) {
    String p = path + "." + name;
    String o = overrides.get(p);
    return new HeaderValue(p, o != null ? o.toUpperCase() : p.toUpperCase());
  }

  static HeaderValue top(String name, Map<String, String> overrides) {
    String o = overrides.get(name);
    return new HeaderValue(name, o != null ? o.toUpperCase() : Formats.headerName(name));
  }

  @Override
  public String toString() {
    return text;
  }
}
