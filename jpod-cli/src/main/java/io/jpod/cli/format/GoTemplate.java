package io.jpod.cli.format;

import io.jpod.cli.format.TemplateNode.Seq;
import java.util.Map;

/**
 * A parsed Go text/template (the subset podman users type in {@code --format}). Thread-safe and
 * reusable: {@link #render} may be called many times with different data.
 *
 * <p>Data may be Maps (key lookup; a missing key prints {@code <no value>}), records (component by
 * name, exact then lower-camel: {@code .ID} finds {@code id()}), other objects (public no-arg method,
 * exact, lower-camel, then {@code getX}), Lists and arrays. Errors are {@code JpodException}s of kind
 * INVALID_ARGUMENT with Go's one-line message.
 */
public final class GoTemplate {
  private final String name;
  private final String text;
  private final Seq root;
  private final int columnShift;

  private GoTemplate(String name, String text, Seq root, int columnShift) {
    this.name = name;
    this.text = text;
    this.root = root;
    this.columnShift = columnShift;
  }

  /**
   * podman's list and inspect commands run the user's format inside {@code {{range .}}...{{end}}},
   * named after the command: their errors read {@code template: ps:1:13: executing "ps" ...}.
   */
  private static final String RANGE_PREFIX = "{{range .}}";

  /** Parses a per-row format as podman's listing commands do: errors name {@code name} and count columns as podman's. */
  public static GoTemplate parseRows(String name, String text) {
    return new GoTemplate(name, text, TemplateParser.parse(name, text), RANGE_PREFIX.length());
  }

  /** Parses {@code text} under the template name "template". */
  public static GoTemplate parse(String text) {
    return parse("template", text);
  }

  /** Parses {@code text}; {@code name} appears in error messages ({@code template: ps:1:2: ...}). */
  public static GoTemplate parse(String name, String text) {
    return new GoTemplate(name, text, TemplateParser.parse(name, text), 0);
  }

  /** Executes the template with {@code data} as dot and {@code $}. */
  public String render(Object data) {
    return TemplateEvaluator.execute(name, text, columnShift, root, data);
  }

  /**
   * Executes the template in header mode, as podman renders a {@code table} format's header row: each
   * {@code .Field} yields its column header, {@code headers.get(field)} upper-cased when present, else the
   * field name split at camel case and upper-cased; nested fields give the upper-cased dotted path.
   */
  public String renderHeader(Map<String, String> headers) {
    return TemplateEvaluator.execute(name, text, columnShift, root, new HeaderValue.Root(headers == null ? Map.of() : headers));
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
