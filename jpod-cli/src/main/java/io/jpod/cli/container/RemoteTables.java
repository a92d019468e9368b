package io.jpod.cli.container;

import java.util.List;

/** Rows from the service laid out as the local commands print them: columns padded to the widest cell. */
final class RemoteTables {
  private RemoteTables() {}

  static String aligned(List<List<String>> rows) {
    int cols = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] width = new int[cols];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        sb.append(r.get(i));
        if (i < r.size() - 1) {
          sb.append(" ".repeat(width[i] - r.get(i).length() + 1));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
