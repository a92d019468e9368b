package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod ps}: list containers. */
@Command(name = "ps", aliases = {"ls", "list"}, description = "List containers")
public final class PsCommand implements Callable<Integer> {
  static final String DEFAULT_FORMAT =
      "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";
  static final Map<String, String> HEADERS =
      Map.of("ID", "CONTAINER ID", "CreatedHuman", "CREATED", "RunningFor", "CREATED", "Names", "NAMES");

  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Show all the containers, default is only running containers") boolean all;
  @Option(names = {"-q", "--quiet"}, description = "Print the numeric IDs of the containers only") boolean quiet;
  @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions given") List<String> filters = new ArrayList<>();
  @Option(names = "--format", description = "Pretty-print containers to JSON or using a Go template") String format;
  @Option(names = "--no-trunc", description = "Display the extended information") boolean noTrunc;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Option(names = {"-n", "--last"}, description = "Print the n last created containers (all states)", defaultValue = "-1") int last;
  @Option(names = "--noheading", description = "Do not print headers") boolean noHeading;
  @Option(names = {"-s", "--size"}, description = "Display the total file sizes") boolean size;
  @Option(names = "--sort", description = "Sort output by: command, created, id, image, names, runningfor, size, status", defaultValue = "created") String sort;

  public PsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ContainerFilter filter = ContainerFilter.parse(filters);
    List<ContainerRecord> recs = new ArrayList<>(ctx.libpod().containers().list());
    boolean showAll = all || latest || last >= 0 || !filters.isEmpty();
    recs.removeIf(r -> !showAll && !r.state().status().isAlive());
    recs.removeIf(r -> !filter.test(r));
    recs.sort(Comparator.comparing((ContainerRecord r) -> r.config().created()).reversed());
    if (latest && !recs.isEmpty()) {
      recs = recs.subList(0, 1);
    }
    if (last >= 0 && recs.size() > last) {
      recs = recs.subList(0, last);
    }
    if (quiet) {
      for (ContainerRecord r : recs) {
        ctx.out().println(noTrunc ? r.config().id() : r.config().shortId());
      }
      return 0;
    }
    if (format != null && Formats.isJson(format)) {
      List<Object> rows = new ArrayList<>();
      recs.forEach(r -> rows.add(ContainerViews.psRow(r, true)));
      ctx.out().println(Formats.toJson(rows));
      return 0;
    }
    List<Object> rows = new ArrayList<>();
    recs.forEach(r -> rows.add(ContainerViews.psTemplateRow(r, noTrunc)));
    String f = format == null || format.isBlank() ? DEFAULT_FORMAT : format;
    String out = Formats.formatList(f, DEFAULT_FORMAT, rows, HEADERS);
    if (noHeading && Formats.isTable(f)) {
      int nl = out.indexOf('\n');
      out = nl < 0 ? "" : out.substring(nl + 1);
    }
    ctx.out().print(out);
    return 0;
  }
}
