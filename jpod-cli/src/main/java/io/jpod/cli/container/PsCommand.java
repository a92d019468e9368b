package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.cli.image.Sizes;
import io.jpod.common.Logrus;
import io.jpod.core.image.ContainerSize;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
  @Option(names = {"-p", "--pod"}, description = "Print the ID and name of the pod the containers are associated with") boolean pod;
  @Option(names = "--sort", description = "Sort output by: command, created, id, image, names, runningfor, size, status", defaultValue = "created") String sort;

  public PsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    sortOrder(sort); // a bad --sort fails before any work
    if (ctx.remote()) {
      return remote();
    }
    // pod=NAME|ID filters resolve through the pods; the rest are container filters.
    List<String> podFilters = filters.stream().filter(f -> f.startsWith("pod=")).map(f -> f.substring(4)).toList();
    ContainerFilter filter = ContainerFilter.parse(filters.stream().filter(f -> !f.startsWith("pod=")).toList(), this::health,
        ctx.libpod().containers()::get);
    Map<String, String> podNames = new java.util.HashMap<>();
    java.util.Set<String> infraIds = new java.util.HashSet<>();
    for (var p : ctx.libpod().state().pods()) {
      podNames.put(p.id(), p.name());
      if (p.state().infraContainerId() != null) {
        infraIds.add(p.state().infraContainerId());
      }
    }
    List<ContainerRecord> recs = new ArrayList<>(ctx.libpod().containers().list());
    if (!podFilters.isEmpty()) {
      recs.removeIf(r -> r.config().podId() == null || podFilters.stream().noneMatch(
          p -> p.equals(podNames.get(r.config().podId())) || r.config().podId().startsWith(p)));
    }
    // podman: only a status filter looks past the running containers (name=, exited=... do not)
    boolean showAll = all || latest || last >= 0 || filters.stream().anyMatch(f -> f.startsWith("status="));
    recs.removeIf(r -> !showAll && !r.state().status().isAlive());
    recs.removeIf(r -> !filter.test(r));
    // --latest and --last pick the newest containers; the listing is then sorted ascending by --sort,
    // as podman shows it (oldest first by default)
    recs.sort(Comparator.comparing((ContainerRecord r) -> r.config().created()).reversed());
    if (latest && !recs.isEmpty()) {
      recs = recs.subList(0, 1);
    }
    if (last >= 0 && recs.size() > last) {
      recs = recs.subList(0, last);
    }
    recs = new ArrayList<>(recs);
    // sizes are measured only with --size, as podman does; --sort size needs them
    Map<String, ContainerSize> sizes = new java.util.HashMap<>();
    if (size) {
      var sizer = ctx.libpod().images().containerSizer();
      recs.forEach(r -> sizes.put(r.config().id(), sizer.apply(r.config().id())));
    }
    recs.sort(sortOrder(sort));
    if ("size".equals(sort) && size) {
      recs.sort(Comparator.comparingLong((ContainerRecord r) -> sizes.get(r.config().id()).rootFsSize()));
    }
    if (quiet && (format == null || format.isBlank())) { // podman: a --format wins over -q
      for (ContainerRecord r : recs) {
        ctx.out().println(noTrunc ? r.config().id() : r.config().shortId());
      }
      return 0;
    }
    if (format != null && Formats.isJson(format)) {
      List<Object> rows = new ArrayList<>();
      for (ContainerRecord r : recs) {
        Map<String, Object> row = withPod(ContainerViews.withHealth(ContainerViews.psRow(r, true), health(r)), r, podNames, infraIds, true);
        ContainerSize sz = sizes.get(r.config().id());
        if (sz != null) {
          row.put("Size", sz.asListField());
        }
        rows.add(row);
      }
      ctx.out().print(Formats.toJsonIndent2(rows));
      return 0;
    }
    List<Object> rows = new ArrayList<>();
    for (ContainerRecord r : recs) {
      Map<String, Object> row = withPod(ContainerViews.withHealth(ContainerViews.psTemplateRow(r, noTrunc), health(r)), r, podNames, infraIds, noTrunc);
      row.put("Size", sizeColumn(sizes.get(r.config().id())));
      rows.add(row);
    }
    return printRows(rows);
  }

  /**
   * {{.Size}}: "RW (virtual ROOTFS)"; evaluated only when a template names it, where podman, without
   * --size, logs an error for every row and prints nothing.
   */
  private static Supplier<String> sizeColumn(ContainerSize sz) {
    if (sz == null) {
      return () -> {
        Logrus.error("Size format requires --size option");
        return "";
      };
    }
    String text = Sizes.withPrecision(sz.rwSize(), 3) + " (virtual " + Sizes.withPrecision(sz.rootFsSize(), 3) + ")";
    return () -> text;
  }

  /** podman's --sort keys, all ascending; created and runningfor both mean oldest first. */
  static Comparator<ContainerRecord> sortOrder(String key) {
    Comparator<ContainerRecord> created = Comparator.comparing(r -> r.config().created());
    return switch (key == null ? "created" : key) {
      case "command" -> Comparator.comparing((ContainerRecord r) -> String.join(" ", r.config().processArgs())).thenComparing(created);
      case "id" -> Comparator.comparing((ContainerRecord r) -> r.config().id());
      case "image" -> Comparator.comparing((ContainerRecord r) -> r.config().imageName()).thenComparing(created);
      case "names" -> Comparator.comparing((ContainerRecord r) -> r.config().name());
      case "status" -> Comparator.comparing((ContainerRecord r) -> r.state().status().cliName()).thenComparing(created);
      case "created", "runningfor", "size" -> created;
      default -> throw io.jpod.common.JpodException.invalid("invalid argument \"" + key + "\" for \"--sort\" flag: \""
          + key + "\" is not a valid value.  Choose from: \"command, created, id, image, names, runningfor, size, status\"");
    };
  }

  private String health(ContainerRecord r) {
    return ContainerViews.healthStatus(r.config(), ctx.libpod().containers().paths(r.config()));
  }

  /** ps through the service: podman's ListContainer documents, printed as the local rows are. */
  private int remote() {
    List<Map<String, Object>> docs = new ArrayList<>(ctx.engine().containers(all || latest || last >= 0));
    if (latest && !docs.isEmpty()) {
      docs = docs.subList(0, 1);
    }
    if (last >= 0 && docs.size() > last) {
      docs = docs.subList(0, last);
    }
    if (quiet && (format == null || format.isBlank())) { // podman: a --format wins over -q
      for (Map<String, Object> d : docs) {
        String id = String.valueOf(d.get("Id"));
        ctx.out().println(noTrunc ? id : id.substring(0, 12));
      }
      return 0;
    }
    if (format != null && Formats.isJson(format)) {
      ctx.out().print(Formats.toJsonIndent2(new ArrayList<Object>(docs)));
      return 0;
    }
    List<Object> rows = new ArrayList<>();
    docs.forEach(d -> rows.add(io.jpod.cli.remote.RemoteDocs.psRow(d, noTrunc)));
    return printRows(rows);
  }

  /** Prints ps rows (local or remote) with the user's --format, the default table, --no-heading. */
  private int printRows(List<Object> rows) {
    String def = DEFAULT_FORMAT + (pod ? "\t{{.Pod}}\t{{.PodName}}" : "") + (size ? "\t{{.Size}}" : "");
    String f = format == null || format.isBlank() ? def : format;
    Map<String, String> headers = new java.util.HashMap<>(HEADERS);
    headers.put("Pod", "POD ID");
    headers.put("PodName", "PODNAME");
    String out = Formats.formatRows(io.jpod.cli.format.RowType.PS, f, def, rows, headers);
    if (noHeading && Formats.isTable(f)) {
      int nl = out.indexOf('\n');
      out = nl < 0 ? "" : out.substring(nl + 1);
    }
    ctx.out().print(out);
    return 0;
  }

  /** The pod columns: the pod's id (short in tables unless --no-trunc) and name, empty outside pods. */
  private static Map<String, Object> withPod(Map<String, Object> row, ContainerRecord r, Map<String, String> podNames,
      java.util.Set<String> infraIds, boolean fullId) {
    String podId = r.config().podId();
    row.put("IsInfra", infraIds.contains(r.config().id()));
    if (podId != null) {
      row.put("Pod", fullId ? podId : podId.substring(0, 12));
      row.put("PodName", podNames.getOrDefault(podId, ""));
    }
    return row;
  }
}
