package io.jpod.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells exactly like Go's text/tabwriter with no flags, configured by default as
 * podman's report package does: {@code tabwriter.NewWriter(w, 12, 2, 2, ' ', 0)} (minwidth 12,
 * tabwidth 2, padding 2, pad with spaces). Cells are tab-terminated: the text after a line's last tab
 * is not part of any column and is never padded. Adjacent lines sharing a column form a block aligned
 * to its widest cell plus padding (at least minwidth).
 */
public final class TableWriter {
  private final int minWidth;
  private final int tabWidth;
  private final int padding;
  private final char padChar;
  private final StringBuilder buffer = new StringBuilder();

  // formatting state
  private List<List<String>> lines;
  private final List<Integer> widths = new ArrayList<>();
  private StringBuilder out;

  /** podman's defaults: minwidth 12, tabwidth 2, padding 2, padchar ' '. */
  public TableWriter() {
    this(12, 2, 2, ' ');
  }

  public TableWriter(int minWidth, int tabWidth, int padding, char padChar) {
    this.minWidth = minWidth;
    this.tabWidth = tabWidth;
    this.padding = padding;
    this.padChar = padChar;
  }

  /** Buffers text; rows end with '\n', cells end with '\t'. */
  public TableWriter write(String text) {
    buffer.append(text);
    return this;
  }

  /** Formats everything written so far, clears the buffer and returns the aligned text. */
  public String flush() {
    String text = buffer.toString();
    buffer.setLength(0);
    lines = new ArrayList<>();
    String[] rows = text.split("\n", -1);
    for (String row : rows) {
      List<String> cells = new ArrayList<>(List.of(row.split("\t", -1)));
      lines.add(cells);
    }
    // The segment after the final newline is an unterminated (possibly empty) last line.
    out = new StringBuilder();
    widths.clear();
    format(0, lines.size());
    return out.toString();
  }

  /** Convenience: aligns {@code text} with podman's settings. */
  public static String align(String text) {
    return new TableWriter().write(text).flush();
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  private void format(int line0, int line1) {
    int column = widths.size();
    for (int row = line0; row < line1; row++) {
      List<String> line = lines.get(row);
      if (column >= line.size() - 1) {
        continue;
      }
      // A cell exists in this column: a block starts here.
      writeLines(line0, row);
      line0 = row;
      int width = minWidth;
      for (; row < line1; row++) {
        line = lines.get(row);
        if (column >= line.size() - 1) {
          break;
        }
        width = Math.max(width, width(line.get(column)) + padding);
      }
      widths.add(width);
      format(line0, row);
      widths.removeLast();
      line0 = row;
    }
    writeLines(line0, line1);
  }

  private void writeLines(int line0, int line1) {
    for (int i = line0; i < line1; i++) {
      List<String> line = lines.get(i);
      for (int j = 0; j < line.size(); j++) {
        String cell = line.get(j);
        out.append(cell);
        if (j < widths.size()) {
          pad(width(cell), widths.get(j));
        }
      }
      if (i + 1 < lines.size()) {
        out.append('\n');
      }
    }
  }

  private void pad(int textWidth, int cellWidth) {
    if (padChar == '\t') {
      if (tabWidth == 0) {
        return;
      }
      int cw = (cellWidth + tabWidth - 1) / tabWidth * tabWidth;
      out.append("\t".repeat((cw - textWidth + tabWidth - 1) / tabWidth));
      return;
    }
    out.append(String.valueOf(padChar).repeat(Math.max(0, cellWidth - textWidth)));
  }
}
