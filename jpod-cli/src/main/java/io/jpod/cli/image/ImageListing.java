package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.common.JpodException;
import io.jpod.core.image.ImageSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code images} / {@code image ls}: one row per image name, newest first, podman's columns, filters,
 * sorting and formats. The two commands differ only in their names.
 */
abstract class ImageListing implements Callable<Integer> {
  static final List<String> SORT_KEYS = List.of("created", "id", "repository", "size", "tag");

  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images)") boolean all;
  @Option(names = "--digests", description = "Show digests") boolean digests;
  @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions provided") List<String> filters = new ArrayList<>();
  @Option(names = "--format", description = "Change the output format to JSON or a Go template") String format;
  @Option(names = "--history", description = "Display the image name history") boolean history;
  @Option(names = "--no-trunc", description = "Do not truncate output") boolean noTrunc;
  @Option(names = {"-n", "--noheading"}, description = "Do not print column headings") boolean noHeading;
  @Option(names = {"-q", "--quiet"}, description = "Display only image IDs") boolean quiet;
  @Option(names = "--sort", description = "Sort by repository, size, tag, created, id", defaultValue = "created") String sort;
  @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> args = new ArrayList<>();

  ImageListing(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() > 1) {
      throw JpodException.invalid("accepts at most 1 arg(s), received " + args.size());
    }
    if (!SORT_KEYS.contains(sort)) {
      throw JpodException.invalid("\"" + sort + "\" is not a valid field for sorting. Choose from: "
          + String.join(", ", SORT_KEYS));
    }
    List<String> f = new ArrayList<>(filters);
    args.forEach(a -> f.add("reference=" + a));
    List<ImageSummary> images = ctx.remote()
        ? ctx.engine().images(all).stream().map(io.jpod.cli.remote.RemoteDocs::imageSummary).toList()
        : ctx.libpod().images().list(f, all);
    List<ImageViews.Row> rows = new ArrayList<>(ImageViews.rows(images));
    rows.sort(order(sort, rows, noTrunc));
    if (format != null && Formats.isJson(format)) {
      List<Object> json = new ArrayList<>();
      rows.forEach(r -> json.add(ImageViews.jsonRow(r.image())));
      ctx.out().print(Formats.toJson(json));
      return 0;
    }
    if (quiet) {
      Set<String> ids = new LinkedHashSet<>();
      rows.forEach(r -> ids.add(noTrunc ? "sha256:" + r.image().id() : r.image().id().substring(0, 12)));
      ids.forEach(ctx.out()::println);
      return 0;
    }
    List<Object> data = new ArrayList<>();
    rows.forEach(r -> data.add(ImageViews.templateRow(r, noTrunc)));
    ctx.out().print(Report.render(io.jpod.cli.format.RowType.IMAGES, format, defaultRow(), ImageViews.LIST_HEADERS, data, noHeading));
    return 0;
  }

  /** podman's imageListFormat: the default columns, with DIGEST, HISTORY when asked. */
  private String defaultRow() {
    StringBuilder row = new StringBuilder("{{.Repository}}\t{{if .Tag}}{{.Tag}}{{else}}<none>{{end}}");
    if (digests) {
      row.append("\t{{.Digest}}");
    }
    row.append("\t{{.ID}}\t{{.Created}}\t{{.Size}}");
    if (history) {
      row.append("\t{{if .History}}{{.History}}{{else}}<none>{{end}}");
    }
    return row.append('\n').toString();
  }

  /** podman's sort orders: newest first by default, otherwise ascending by the key. */
  static Comparator<ImageViews.Row> order(String key, List<ImageViews.Row> rows, boolean noTrunc) {
    return switch (key) {
      case "id" -> Comparator.comparing(r -> noTrunc ? "sha256:" + r.image().id() : r.image().id().substring(0, 12));
      case "repository" -> Comparator.comparing(ImageViews.Row::repository);
      case "tag" -> Comparator.comparing(ImageViews.Row::tag);
      case "size" -> Comparator.comparingLong(r -> r.image().size());
      default -> {
        Comparator<ImageViews.Row> byCreated = Comparator.comparingLong(r -> r.image().created().getEpochSecond());
        // podman flips to oldest first when the first image predates 1970 (a quirk kept for fidelity)
        yield !rows.isEmpty() && rows.getFirst().image().created().getEpochSecond() < 0 ? byCreated : byCreated.reversed();
      }
    };
  }
}
