package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.core.cgroup.CgroupUsage;
import io.jpod.core.pod.PodService.PodView;
import io.jpod.core.state.ContainerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod pod stats}: per-container CPU, memory and pids of the pods' running containers, read from
 * their cgroups (v1 memory/cpuacct/pids controllers, or the unified hierarchy). CPU % is the share of
 * one CPU used since the container started, as podman's first sample is.
 */
@Command(name = "stats", description = "Display a live stream of resource usage statistics for the containers in one or more pods")
public final class PodStatsCommand implements Callable<Integer> {
  static final String DEFAULT_FORMAT =
      "table {{.Pod}}\t{{.CID}}\t{{.Name}}\t{{.CPU}}\t{{.MemUsage}}\t{{.Mem}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDS}}";
  static final Map<String, String> HEADERS = Map.of("Pod", "POD", "CID", "CID", "Name", "NAME", "CPU", "CPU %",
      "MemUsage", "MEM USAGE/ LIMIT", "Mem", "MEM %", "NetIO", "NET IO", "BlockIO", "BLOCK IO", "PIDS", "PIDS");

  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Provide stats for all pods") boolean all;
  @Option(names = "--format", description = "Pretty-print container statistics to JSON or using a Go template") String format;
  @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result") boolean noStream;
  @Option(names = "--no-reset", description = "Disable resetting the screen when streaming") boolean noReset;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "POD") List<String> names = new ArrayList<>();

  public PodStatsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    boolean everything = all || (names.isEmpty() && !latest);
    List<String> targets = PodTargets.resolve(ctx, names, everything, latest && !everything);
    while (true) {
      List<Object> rows = new ArrayList<>();
      for (String t : targets) {
        PodView v = ctx.libpod().pods().view(t);
        for (ContainerRecord c : v.containers()) {
          if (c.state().status().isAlive()) {
            rows.add(row(v, c));
          }
        }
      }
      if (format != null && Formats.isJson(format)) {
        ctx.out().print(Formats.toJson(rows));
      } else {
        ctx.out().print(Formats.formatList(format, DEFAULT_FORMAT, rows, HEADERS));
      }
      ctx.out().flush();
      if (noStream) {
        return 0;
      }
      Thread.sleep(Duration.ofSeconds(1));
    }
  }

  private Map<String, Object> row(PodView v, ContainerRecord c) {
    CgroupUsage u = CgroupUsage.read(ctx.libpod().cgroupMode(), c.config());
    long mem = u.memoryUsage();
    long limit = u.memoryLimit();
    Instant started = c.state().startedAt();
    double elapsed = started == null ? 0 : Duration.between(started, Instant.now()).toNanos();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Pod", v.pod().config().shortId());
    m.put("CID", c.config().shortId());
    m.put("Name", c.config().name());
    m.put("CPU", String.format("%.2f%%", elapsed <= 0 ? 0.0 : 100.0 * u.cpuNanos() / elapsed));
    m.put("MemUsage", size(mem) + " / " + size(limit));
    m.put("Mem", String.format("%.2f%%", limit <= 0 ? 0.0 : 100.0 * mem / limit));
    m.put("NetIO", "-- / --");
    m.put("BlockIO", "-- / --");
    m.put("PIDS", Long.toString(u.pids()));
    return m;
  }

  /** Go's units.HumanSizeWithPrecision(…, 4) as podman prints sizes: decimal units. */
  static String size(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
    double v = bytes;
    int i = 0;
    while (v >= 1000 && i < units.length - 1) {
      v /= 1000;
      i++;
    }
    String num = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    return num + units[i];
  }
}
