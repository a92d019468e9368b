package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.core.pod.PodService.PodView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod pod ps}: list pods, newest first. */
@Command(name = "ps", aliases = {"ls", "list"}, description = "List pods")
public final class PodPsCommand implements Callable<Integer> {
  static final Map<String, String> HEADERS = Map.of("ID", "POD ID", "InfraID", "INFRA ID",
      "NumberOfContainers", "# OF CONTAINERS", "ContainerNames", "NAMES", "ContainerIds", "IDS",
      "ContainerStatuses", "STATUS", "Created", "CREATED");

  private final CliContext ctx;

  @Option(names = "--ctr-ids", description = "Display the container UUIDs. If no-trunc is not set they will be truncated") boolean ctrIds;
  @Option(names = "--ctr-names", description = "Display the container names") boolean ctrNames;
  @Option(names = "--ctr-status", description = "Display the container status") boolean ctrStatus;
  @Option(names = {"-f", "--filter"}, description = "Filter output based on conditions given") List<String> filters = new ArrayList<>();
  @Option(names = "--format", description = "Pretty-print pods to JSON or using a Go template") String format;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;
  @Option(names = "--no-trunc", description = "Do not truncate pod and container IDs") boolean noTrunc;
  @Option(names = "--noheading", description = "Do not print headers") boolean noHeading;
  @Option(names = "--ns", description = "Display namespace information of the pod") boolean ns;
  @Option(names = {"-q", "--quiet"}, description = "Print the numeric IDs of the pods only") boolean quiet;
  @Option(names = "--sort", defaultValue = "created", description = "Sort output by created, id, name, or number") String sort;

  public PodPsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (ctx.remote()) {
      return remote();
    }
    PodFilter filter = PodFilter.parse(filters);
    List<PodView> pods = new ArrayList<>(ctx.libpod().pods().list());
    pods.removeIf(v -> !filter.test(v));
    pods.sort(comparator(sort));
    if (latest && !pods.isEmpty()) {
      pods = List.of(pods.stream().max(Comparator.comparing(v -> v.pod().config().created())).orElseThrow());
    }
    if (quiet) {
      pods.forEach(v -> ctx.out().println(noTrunc ? v.pod().id() : v.pod().config().shortId()));
      return 0;
    }
    if (format != null && Formats.isJson(format)) {
      ctx.out().print(Formats.toJsonIndent2(pods.stream().map(PodViews::psJson).toList()));
      return 0;
    }
    List<Object> rows = new ArrayList<>();
    pods.forEach(v -> rows.add(PodViews.psTemplateRow(v, noTrunc)));
    return printRows(rows);
  }

  /** podman's default columns; the container columns replace the count when asked for. */
  String defaultFormat() {
    StringBuilder sb = new StringBuilder("table {{.ID}}\t{{.Name}}\t{{.Status}}\t{{.Created}}\t{{.InfraID}}");
    if (ctrIds) {
      sb.append("\t{{.ContainerIds}}");
    }
    if (ctrNames) {
      sb.append("\t{{.ContainerNames}}");
    }
    if (ctrStatus) {
      sb.append("\t{{.ContainerStatuses}}");
    }
    if (!ctrIds && !ctrNames && !ctrStatus) {
      sb.append("\t{{.NumberOfContainers}}");
    }
    return sb.toString();
  }

  static Comparator<PodView> comparator(String sort) {
    return switch (sort) {
      case "id" -> Comparator.comparing(v -> v.pod().id());
      case "name" -> Comparator.comparing(v -> v.pod().name());
      case "number" -> Comparator.comparing(v -> v.containers().size());
      case "status" -> Comparator.comparing(PodView::status);
      case "created" -> Comparator.comparing((PodView v) -> v.pod().config().created()).reversed();
      default -> throw io.jpod.common.JpodException.invalid(
          "invalid option for --sort, options are: created, id, name, number, or status");
    };
  }

  /** The same listing from the service's ListPodsReport documents (newest first; filters are not sent). */
  private int remote() {
    if (!filters.isEmpty()) {
      throw io.jpod.common.JpodException.invalid("--filter is not supported in remote mode");
    }
    List<Map<String, Object>> docs = new ArrayList<>(ctx.engine().pods());
    docs.sort(Comparator.comparing((Map<String, Object> d) -> String.valueOf(d.get("Created"))).reversed());
    if (latest && !docs.isEmpty()) {
      docs = List.of(docs.getFirst());
    }
    if (quiet) {
      docs.forEach(d -> ctx.out().println(noTrunc ? d.get("Id") : String.valueOf(d.get("Id")).substring(0, 12)));
      return 0;
    }
    if (format != null && Formats.isJson(format)) {
      ctx.out().print(Formats.toJsonIndent2(docs));
      return 0;
    }
    List<Object> rows = new ArrayList<>();
    docs.forEach(d -> rows.add(PodViews.psTemplateRow(d, noTrunc)));
    return printRows(rows);
  }

  private int printRows(List<Object> rows) {
    String out = Formats.formatRows(io.jpod.cli.format.RowType.PODS, format, defaultFormat(), rows, HEADERS);
    String f = format == null || format.isBlank() ? "table" : format;
    if (noHeading && Formats.isTable(f)) {
      int nl = out.indexOf('\n');
      out = nl < 0 ? "" : out.substring(nl + 1);
    }
    ctx.out().print(out);
    return 0;
  }
}
