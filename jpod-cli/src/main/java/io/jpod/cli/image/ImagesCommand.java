package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.cli.HumanTime;
import io.jpod.cli.format.Formats;
import io.jpod.storage.Image;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod images}: list local images (the full image issue extends this). */
@Command(name = "images", description = "List images in local storage")
public final class ImagesCommand implements Callable<Integer> {
  static final String DEFAULT_FORMAT = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Created}}\t{{.Size}}";
  static final Map<String, String> HEADERS = Map.of("ID", "IMAGE ID", "Repository", "REPOSITORY");

  private final CliContext ctx;

  @Option(names = {"-q", "--quiet"}, description = "Display only image IDs") boolean quiet;
  @Option(names = "--format", description = "Change the output format to JSON or a Go template") String format;
  @Option(names = "--no-trunc", description = "Do not truncate output") boolean noTrunc;
  @Option(names = {"-a", "--all"}, description = "Show all images") boolean all;
  @Option(names = "--noheading", description = "Do not print column headings") boolean noHeading;

  public ImagesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<Image> images = new ArrayList<>(ctx.libpod().store().images().list());
    images.sort(Comparator.comparing(Image::created).reversed());
    List<Object> rows = new ArrayList<>();
    for (Image img : images) {
      List<String> names = img.names().isEmpty() ? List.of("<none>:<none>") : img.names();
      for (String n : names) {
        int colon = n.lastIndexOf(':');
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Repository", colon > n.lastIndexOf('/') ? n.substring(0, colon) : n);
        m.put("Tag", colon > n.lastIndexOf('/') ? n.substring(colon + 1) : "<none>");
        m.put("ID", noTrunc ? "sha256:" + img.id() : img.id().substring(0, 12));
        m.put("Id", img.id());
        m.put("Created", HumanTime.ago(img.created()));
        m.put("CreatedAt", img.created());
        m.put("Size", humanSize(img.size()));
        m.put("Names", img.names());
        m.put("Digest", img.digest());
        rows.add(m);
      }
    }
    if (quiet) {
      rows.stream().map(r -> ((Map<?, ?>) r).get("ID")).distinct().forEach(ctx.out()::println);
      return 0;
    }
    String out = Formats.formatList(format, DEFAULT_FORMAT, rows, HEADERS);
    if (noHeading && out.contains("\n")) {
      out = out.substring(out.indexOf('\n') + 1);
    }
    ctx.out().print(out);
    return 0;
  }

  /** Sizes as podman prints them (go-units HumanSize: decimal units, 3 significant digits). */
  static String humanSize(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = bytes;
    int i = 0;
    while (v >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    String num = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    return num + " " + units[i];
  }
}
