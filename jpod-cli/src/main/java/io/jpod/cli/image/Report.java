package io.jpod.cli.image;

import io.jpod.cli.format.GoTemplate;
import io.jpod.cli.format.TableWriter;
import java.util.List;
import java.util.Map;

/**
 * podman 4's report rendering for the image and disk-usage commands (containers/common pkg/report):
 * <ul>
 *   <li>the command's own format is a table with a header row;</li>
 *   <li>a user format starting with {@code table } is a table too: {@code \t} and {@code \n} typed by
 *       the user become tabs and newlines, and so does every space (podman's table replacer);</li>
 *   <li>any other user format is rendered once per row, unaligned and without a header.</li>
 * </ul>
 * The header row is the row template executed over a map of field → column name, so a field without a
 * column name (a method in podman) prints {@code <no value>} there, as in podman.
 */
public final class Report {
  private Report() {}

  /**
   * @param userFormat the user's {@code --format}, or null; blank and plain {@code table} select the default
   * @param defaultRow the command's row template, cells separated by real tabs
   * @param headers field name → column header
   * @param rows one template data object per row
   * @param noHeading leave the header row out
   */
  public static String render(String userFormat, String defaultRow, Map<String, String> headers, List<?> rows,
      boolean noHeading) {
    return render(null, userFormat, defaultRow, headers, rows, noHeading);
  }

  /**
   * {@link #render(String, String, Map, List, boolean)} with rows that stand for {@code type}: an
   * unknown field fails as podman's does.
   */
  public static String render(io.jpod.cli.format.RowType type, String userFormat, String defaultRow, Map<String, String> headers,
      List<?> rows, boolean noHeading) {
    boolean custom = isCustom(userFormat);
    boolean table = !custom || userFormat.stripLeading().startsWith("table ");
    String text = custom ? normalize(userFormat) : ensureNewline(defaultRow);
    GoTemplate tpl = type == null ? GoTemplate.parse(text) : GoTemplate.parseRows(type.name(), text);
    if (type != null) {
      rows = type.wrapAll(rows);
    }
    if (!table) {
      StringBuilder sb = new StringBuilder();
      rows.forEach(r -> sb.append(tpl.render(r)));
      return sb.toString();
    }
    TableWriter tw = new TableWriter();
    if (!noHeading) {
      tw.write(tpl.render(headers));
    }
    rows.forEach(r -> tw.write(tpl.render(r)));
    return tw.flush();
  }

  /** Whether the user gave a format of their own (not blank, not just {@code table}). */
  public static boolean isCustom(String userFormat) {
    return userFormat != null && !userFormat.isBlank() && !userFormat.strip().equals("table");
  }

  /** podman's NormalizeFormat: table formats get the table replacer, others only their escapes. */
  static String normalize(String format) {
    String f = format.strip().startsWith("table") ? replaceTable(format) : format.replace("\\t", "\t").replace("\\n", "\n");
    return ensureNewline(f);
  }

  /** Go's strings.NewReplacer("table ", "", `\t`, "\t", " ", "\t", `\n`, "\n"): one pass, first match wins. */
  private static String replaceTable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      if (s.startsWith("table ", i)) {
        i += 6;
      } else if (s.startsWith("\\t", i)) {
        sb.append('\t');
        i += 2;
      } else if (s.charAt(i) == ' ') {
        sb.append('\t');
        i++;
      } else if (s.startsWith("\\n", i)) {
        sb.append('\n');
        i += 2;
      } else {
        sb.append(s.charAt(i++));
      }
    }
    return sb.toString();
  }

  private static String ensureNewline(String s) {
    return s.endsWith("\n") ? s : s + "\n";
  }
}
