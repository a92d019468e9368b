package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How podman's {@code inspect} commands print: the documents as one JSON array indented with five
 * spaces (podman's inspect encoder; {@code []} when nothing was found) or a template per document, then
 * the failures: all but the first as {@code error inspecting object: …} lines, the first as the command's
 * error ({@code inspecting object: …}, exit 125).
 */
public final class InspectOutput {
  private static final Pattern ID_FIELD = Pattern.compile("\\{\\{\\s*\\.ID\\s*}}");

  private InspectOutput() {}

  public static void print(CliContext ctx, String format, List<?> docs, List<String> errors) {
    if (format == null || format.isBlank() || Formats.isJson(format)) {
      ctx.out().print(json(docs));
    } else {
      ctx.out().print(Formats.formatEach(template(format), docs));
    }
    ctx.out().flush();
    if (errors.isEmpty()) {
      return;
    }
    for (String e : errors.subList(1, errors.size())) {
      ctx.err().println("error inspecting object: " + e);
    }
    throw new JpodException(ErrorKind.NOT_FOUND, "inspecting object: " + errors.getFirst());
  }

  /** podman's inspect JSON: Go's encoder with a five-space indent. */
  public static String json(List<?> docs) {
    String four = Formats.toJson(docs);
    StringBuilder sb = new StringBuilder(four.length() + four.length() / 8);
    for (String line : four.split("\n", -1)) {
      int n = 0;
      while (n < line.length() && line.charAt(n) == ' ') {
        n++;
      }
      // JSON strings never hold a raw newline, so leading spaces are always indentation
      sb.append(" ".repeat(n / 4 * 5)).append(line, n, line.length()).append('\n');
    }
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  /**
   * podman's inspectNormalize, turned around for documents keyed by JSON names: Go's {@code .ID} field is
   * our {@code Id} key, {@code .ImageID} is {@code Image}, mount {@code .Src}/{@code .Dst} are
   * {@code Source}/{@code Destination}.
   */
  public static String template(String format) {
    String f = ID_FIELD.matcher(format).replaceAll("{{.Id}}");
    return f.replace(".Src", ".Source").replace(".Dst", ".Destination").replace(".ImageID", ".Image");
  }
}
