package io.jpod.cli.volume;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.cli.image.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod volume ls}: a DRIVER / VOLUME NAME table (nothing at all when there are no volumes). */
@Command(name = "ls", aliases = "list", description = "List volumes")
public final class VolumeLsCommand implements Callable<Integer> {
  private static final String ROW = "{{.Driver}}\t{{.Name}}\n";
  private static final Map<String, String> HEADERS = Map.of("Driver", "DRIVER", "Name", "VOLUME NAME",
      "Mountpoint", "MOUNTPOINT", "Scope", "SCOPE", "CreatedAt", "CREATED AT", "Labels", "LABELS",
      "Options", "OPTIONS", "MountCount", "MOUNT COUNT");

  private final CliContext ctx;

  @Option(names = {"-f", "--filter"}, description = "Filter volume output") List<String> filters = new ArrayList<>();
  @Option(names = "--format", description = "Format volume output using Go template") String format;
  @Option(names = {"-n", "--noheading"}, description = "Do not print headers") boolean noHeading;
  @Option(names = {"-q", "--quiet"}, description = "Print volume output in quiet mode") boolean quiet;

  public VolumeLsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    boolean json = format != null && Formats.isJson(format);
    List<Object> rows = new ArrayList<>();
    if (ctx.remote()) {
      rows.addAll(ctx.engine().volumes(filters));
    } else {
      var filter = VolumeViews.filter(ctx.libpod(), filters);
      for (var v : ctx.libpod().volumes().list()) {
        if (filter.test(v)) {
          rows.add(VolumeViews.inspect(ctx.libpod(), v, !json));
        }
      }
    }
    if (json) {
      ctx.out().print(Formats.toJsonIndent2(rows));
      return 0;
    }
    if (quiet) {
      rows.forEach(r -> ctx.out().println(((Map<?, ?>) r).get("Name")));
      return 0;
    }
    if (rows.isEmpty() && !Report.isCustom(format)) {
      return 0; // podman prints not even the header then
    }
    ctx.out().print(Report.render(io.jpod.cli.format.RowType.VOLUMES, format, ROW, HEADERS, rows, noHeading));
    return 0;
  }
}
