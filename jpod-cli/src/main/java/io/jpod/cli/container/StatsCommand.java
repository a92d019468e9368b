package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.cli.image.Sizes;
import io.jpod.core.container.ContainerSampler;
import io.jpod.core.container.ContainerSampler.Sample;
import io.jpod.core.state.ContainerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod stats}: CPU, memory, network, block I/O and pids of containers, from their cgroups and
 * network namespaces. The first sample's CPU % is the average since the container started (as podman's
 * is); later samples show the share of one CPU used since the previous one.
 */
@Command(name = "stats", description = "Display a live stream of container resource usage statistics")
public final class StatsCommand implements Callable<Integer> {
  static final String DEFAULT_FORMAT = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}"
      + "\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}\t{{.UpTime}}\t{{.AVGCPU}}";
  static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("ID", "ID"), Map.entry("Name", "NAME"),
      Map.entry("CPUPerc", "CPU %"), Map.entry("MemUsage", "MEM USAGE / LIMIT"), Map.entry("MemPerc", "MEM %"),
      Map.entry("NetIO", "NET IO"), Map.entry("BlockIO", "BLOCK IO"), Map.entry("PIDs", "PIDS"),
      Map.entry("UpTime", "CPU TIME"), Map.entry("AVGCPU", "AVG CPU %"), Map.entry("CPU", "CPU"),
      Map.entry("MemUsageBytes", "MEM USAGE / LIMIT"), Map.entry("ContainerID", "CONTAINER ID"));

  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Show all containers. Only running containers are shown by default. The default is false") boolean all;
  @Option(names = "--format", description = "Pretty-print container statistics to JSON or using a Go template") String format;
  @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result, default setting is false") boolean noStream;
  @Option(names = "--no-reset", description = "Disable resetting the screen between intervals") boolean noReset;
  @Option(names = {"-i", "--interval"}, defaultValue = "5", description = "Time in seconds between stats reports") int interval;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

  public StatsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (interval < 1) {
      throw io.jpod.common.JpodException.invalid("stats requires a positive interval, " + interval + " given");
    }
    var sampler = new ContainerSampler(ctx.libpod());
    Map<String, Sample> previous = new HashMap<>();
    long hostMemory = io.jpod.core.cgroup.CgroupUsage.hostMemory();
    while (true) {
      List<Map<String, Object>> rows = new ArrayList<>();
      List<Map<String, Object>> json = new ArrayList<>();
      for (ContainerRecord rec : targets()) {
        Sample s = sampler.sample(rec);
        Sample prev = previous.put(rec.config().id(), s);
        Row r = Row.of(s, prev, hostMemory);
        rows.add(r.template());
        json.add(r.json());
      }
      if (!noStream && !noReset) {
        ctx.out().print("\033[2J\033[1;1H");
      }
      if (format != null && Formats.isJson(format)) {
        ctx.out().println(io.jpod.common.GoJson.marshalIndent(json, "", " ")); // podman indents stats JSON by one space
      } else {
        ctx.out().print(Formats.formatRows(io.jpod.cli.format.RowType.STATS, format, DEFAULT_FORMAT, rows, HEADERS));
      }
      ctx.out().flush();
      if (noStream) {
        return 0;
      }
      Thread.sleep(Duration.ofSeconds(interval));
    }
  }

  private List<ContainerRecord> targets() {
    var service = ctx.libpod().containers();
    if (!names.isEmpty()) {
      List<ContainerRecord> out = new ArrayList<>();
      for (String n : names) {
        out.add(service.get(n));
      }
      return out;
    }
    List<ContainerRecord> list = service.list();
    if (latest) {
      return list.stream().max(java.util.Comparator.comparing(r -> r.config().created())).stream().toList();
    }
    return all ? list : list.stream().filter(r -> r.state().status().isAlive()).toList();
  }

  /** One container's figures, formatted as podman 4.3.1 prints them. */
  record Row(String id, String fullId, String name, double cpu, double avgCpu, long cpuNanos, long mem, long limit,
      long rx, long tx, long blkRead, long blkWrite, long pids) {

    static Row of(Sample s, Sample prev, long hostMemory) {
      var cg = s.cgroup();
      var st = s.container().state();
      double avg = 0;
      if (st.startedAt() != null && st.status().isAlive()) {
        long elapsed = Duration.between(st.startedAt(), s.at()).toNanos();
        avg = elapsed <= 0 ? 0 : 100.0 * cg.cpuNanos() / elapsed;
      }
      double cpu = avg;
      if (prev != null) {
        long elapsed = Duration.between(prev.at(), s.at()).toNanos();
        long used = cg.cpuNanos() - prev.cgroup().cpuNanos();
        cpu = elapsed <= 0 || used < 0 ? 0 : 100.0 * used / elapsed;
      }
      long limit = cg.memoryLimit() <= 0 || cg.memoryLimit() > hostMemory ? hostMemory : cg.memoryLimit();
      if (!st.status().isAlive()) {
        limit = 0;
      }
      var cfg = s.container().config();
      return new Row(cfg.shortId(), cfg.id(), cfg.name(), cpu, avg, cg.cpuNanos(), cg.memoryUsage(), limit,
          s.net().rxBytes(), s.net().txBytes(), cg.blockRead(), cg.blockWrite(), cg.pids());
    }

    Map<String, Object> template() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ID", id);
      m.put("ContainerID", fullId);
      m.put("Name", name);
      m.put("CPUPerc", percent(cpu));
      m.put("MemUsage", Sizes.human(mem) + " / " + Sizes.human(limit));
      m.put("MemUsageBytes", binary(mem) + " / " + binary(limit));
      m.put("MemPerc", memPercent());
      m.put("NetIO", Sizes.human(rx) + " / " + Sizes.human(tx));
      m.put("BlockIO", Sizes.human(blkRead) + " / " + Sizes.human(blkWrite));
      m.put("PIDs", Long.toString(pids));
      m.put("CPU", cpu);
      m.put("AVGCPU", percent(avgCpu));
      m.put("UpTime", goDuration(cpuNanos));
      return m;
    }

    Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("name", name);
      m.put("cpu_time", goDuration(cpuNanos));
      m.put("cpu_percent", percent(cpu));
      m.put("avg_cpu", percent(avgCpu));
      m.put("mem_usage", Sizes.human(mem) + " / " + Sizes.human(limit));
      m.put("mem_percent", memPercent());
      m.put("net_io", Sizes.human(rx) + " / " + Sizes.human(tx));
      m.put("block_io", Sizes.human(blkRead) + " / " + Sizes.human(blkWrite));
      m.put("pids", Long.toString(pids));
      return m;
    }

    private String memPercent() {
      return percent(limit <= 0 ? 0 : 100.0 * mem / limit);
    }
  }

  static String percent(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f%%", v);
  }

  /** go-units BytesSize: binary units, four significant digits. */
  static String binary(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return v == 0 ? "0B" : new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
        .toPlainString() + units[i];
  }

  /** Go's {@code time.Duration.String()}: 80.24957ms, 1.5s, 2m3.000001s, 1h0m0s. */
  static String goDuration(long nanos) {
    return io.jpod.common.GoDuration.format(nanos);
  }


}
