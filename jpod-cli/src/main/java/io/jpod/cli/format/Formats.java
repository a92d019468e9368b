package io.jpod.cli.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * podman's {@code --format} conventions (containers/common pkg/report):
 * <ul>
 *   <li>{@code json} (or {@code {{json .}}}, {@code {{ json }}}) prints the whole result as JSON
 *       indented with four spaces;</li>
 *   <li>a {@code table } prefix prints a header row, then one row per object, aligned by
 *       {@link TableWriter};</li>
 *   <li>literal {@code \t} and {@code \n} typed by the user become a tab and a newline, surrounding
 *       spaces are trimmed, and a row lacking a trailing newline gets one.</li>
 * </ul>
 * Without {@code table}, rows are printed as rendered, unaligned, with no header.
 */
public final class Formats {
  private Formats() {}

  private static final Pattern JSON = Pattern.compile("^\\s*(json|\\{\\{\\s*json\\s*( \\.)?\\s*}})\\s*$");

  /** Whether {@code format} asks for JSON output (podman's report.IsJSON). */
  public static boolean isJson(String format) {
    return format != null && JSON.matcher(format).matches();
  }

  /** Whether {@code format} is a table format ({@code table} alone or {@code table <template>}). */
  public static boolean isTable(String format) {
    if (format == null) {
      return false;
    }
    String f = format.strip();
    return f.equals("table") || f.startsWith("table ") || f.startsWith("table\t") || f.startsWith("table\\t");
  }

  /** Replaces the two-character sequences backslash-t and backslash-n with a tab and a newline. */
  public static String unescape(String format) {
    return format.replace("\\t", "\t").replace("\\n", "\n");
  }

  /** podman's NormalizeFormat: trim spaces, unescape, drop the {@code table} prefix, ensure a final newline. */
  public static String normalize(String format) {
    String f = unescape(format.strip());
    if (f.equals("table")) {
      f = "";
    } else if (f.startsWith("table ") || f.startsWith("table\t")) {
      f = f.substring(6);
    }
    return f.endsWith("\n") ? f : f + "\n";
  }

  /** A field's default column header: split at camel case and upper-cased ({@code CreatedAt} → {@code CREATED AT}). */
  public static String headerName(String field) {
    return String.join(" ", splitCamel(field)).toUpperCase();
  }

  /** Splits like github.com/fatih/camelcase: {@code IPAddress} → [IP, Address], {@code BFG9000} → [BFG, 9000]. */
  static List<String> splitCamel(String s) {
    List<StringBuilder> runs = new ArrayList<>();
    int last = -1;
    for (int cp : s.codePoints().toArray()) {
      int cls = Character.isLowerCase(cp) ? 1 : Character.isUpperCase(cp) ? 2 : Character.isDigit(cp) ? 3 : 4;
      if (cls != last) {
        runs.add(new StringBuilder());
      }
      runs.getLast().appendCodePoint(cp);
      last = cls;
    }
    for (int i = 0; i + 1 < runs.size(); i++) {
      StringBuilder a = runs.get(i);
      StringBuilder b = runs.get(i + 1);
      if (!a.isEmpty() && !b.isEmpty() && Character.isUpperCase(a.codePointAt(0)) && Character.isLowerCase(b.codePointAt(0))) {
        int cut = a.offsetByCodePoints(a.length(), -1);
        b.insert(0, a.substring(cut));
        a.setLength(cut);
      }
    }
    List<String> out = new ArrayList<>();
    for (StringBuilder r : runs) {
      if (!r.isEmpty()) {
        out.add(r.toString());
      }
    }
    return out;
  }

  /** {@code value} as four-space indented JSON, as {@code podman ... --format json} prints it, with a final newline. */
  public static String toJson(Object value) {
    return GoJson.indented(value) + "\n";
  }

  /**
   * {@code value} as two-space indented JSON with a final newline: what podman's listing commands
   * (ps, pod ps, volume ls, network ls) and {@code info} print for {@code --format json}, unlike
   * images and the inspect commands, which indent by four.
   */
  public static String toJsonIndent2(Object value) {
    return GoJson.indented(value, "  ") + "\n";
  }

  /** {@code value} as compact JSON, as the {@code json} template function prints it. */
  public static String toCompactJson(Object value) {
    return GoJson.compact(value);
  }

  /**
   * Formats the rows of a listing command (ps, images, volume ls, ...).
   *
   * @param format the user's {@code --format}; null, blank or plain {@code table} selects {@code defaultFormat}
   * @param defaultFormat the command's default, usually a {@code table ...} format
   * @param rows the objects, one per output row; also what {@code json} prints
   * @param headers field name → header overrides (e.g. ID → CONTAINER ID); may be null
   */
  public static String formatList(String format, String defaultFormat, List<?> rows, Map<String, String> headers) {
    return formatList(chosen(format, defaultFormat), rows, headers);
  }

  /** The user's format, or the command's default when none (blank, or plain {@code table}) is given. */
  private static String chosen(String format, String defaultFormat) {
    return format == null || format.isBlank() || format.strip().equals("table") ? defaultFormat : format;
  }

  /**
   * {@link #formatList(String, String, List, Map)} for a podman listing whose rows are {@code type}:
   * an unknown field fails as podman's does.
   */
  public static String formatRows(RowType type, String format, String defaultFormat, List<?> rows,
      Map<String, String> headers) {
    String f = chosen(format, defaultFormat);
    if (isJson(f)) {
      return toJson(rows);
    }
    return render(GoTemplate.parseRows(type.name(), normalize(f)), f, type.wrapAll(rows), headers);
  }

  /** Formats rows with {@code format} (json, table or a plain template); see {@link #formatList(String, String, List, Map)}. */
  public static String formatList(String format, List<?> rows, Map<String, String> headers) {
    if (isJson(format)) {
      return toJson(rows);
    }
    return render(GoTemplate.parse(normalize(format)), format, rows, headers);
  }

  private static String render(GoTemplate tpl, String format, List<?> rows, Map<String, String> headers) {
    StringBuilder sb = new StringBuilder();
    if (isTable(format)) {
      TableWriter tw = new TableWriter();
      tw.write(tpl.renderHeader(headers));
      for (Object row : rows) {
        tw.write(tpl.render(row));
      }
      return tw.flush();
    }
    for (Object row : rows) {
      sb.append(tpl.render(row));
    }
    return sb.toString();
  }

  /**
   * Formats the objects of an inspect-like command: JSON prints them all as one indented array; a
   * template is rendered once per object (each output ending with a newline).
   */
  public static String formatEach(String format, List<?> objects) {
    if (format == null || format.isBlank() || isJson(format)) {
      return toJson(objects);
    }
    try {
      return formatRows(RowType.INSPECT, format, format, objects, Map.of());
    } catch (io.jpod.common.JpodException e) {
      throw new io.jpod.common.JpodException(e.kind(), "inspecting object: printing inspect output: " + e.getMessage(), e);
    }
  }

  /** Formats a single object (info, version): JSON indented, or the template rendered once. */
  public static String formatOne(String format, Object object) {
    if (format == null || format.isBlank() || isJson(format)) {
      return toJson(object);
    }
    return formatList(format, List.of(object), Map.of());
  }
}
