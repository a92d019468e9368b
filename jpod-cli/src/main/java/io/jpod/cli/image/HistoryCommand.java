package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.common.JpodException;
import io.jpod.core.image.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod history} / {@code jpod image history}: the image's build steps, newest first. */
@Command(name = "history", description = "Show history of a specified image")
public final class HistoryCommand implements Callable<Integer> {
  private static final String DEFAULT_ROW = "{{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}\n";

  private final CliContext ctx;

  @Option(names = "--format", description = "Change the output to JSON or a Go template") String format;
  @Option(names = {"-H", "--human"}, description = "Display sizes and dates in human readable format",
      defaultValue = "true", fallbackValue = "true", arity = "0..1") boolean human;
  @Option(names = "--no-trunc", description = "Do not truncate the output") boolean noTrunc;
  @Option(names = {"-q", "--quiet"}, description = "Display the numeric IDs only") boolean quiet;
  @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> args = new ArrayList<>();

  public HistoryCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 1) {
      throw JpodException.invalid("accepts 1 arg(s), received " + args.size());
    }
    List<HistoryEntry> layers = ctx.libpod().images().history(args.getFirst());
    if (format != null && Formats.isJson(format)) {
      // podman encodes these compactly, on one line
      List<Object> json = new ArrayList<>();
      layers.forEach(h -> json.add(ImageViews.historyJson(h)));
      ctx.out().println(Formats.toCompactJson(json));
      return 0;
    }
    List<Object> rows = new ArrayList<>();
    layers.forEach(h -> rows.add(ImageViews.historyRow(h, noTrunc, human)));
    if (quiet) {
      ctx.out().print(Report.render("{{.ID}}", DEFAULT_ROW, ImageViews.HISTORY_HEADERS, rows, true));
      return 0;
    }
    ctx.out().print(Report.render(io.jpod.cli.format.RowType.HISTORY, format, DEFAULT_ROW, ImageViews.HISTORY_HEADERS, rows, false));
    return 0;
  }
}
