package io.jpod.api.compat;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Route;
import io.jpod.core.Libpod;
import io.jpod.core.cgroup.CgroupUsage;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /containers/{id}/stats} in Docker's shape (§5.6), from the container's cgroup. */
final class StatsRoutes {
  private final Libpod libpod;
  private final ContainerRoutes containers;

  StatsRoutes(Libpod libpod, ContainerRoutes containers) {
    this.libpod = libpod;
    this.containers = containers;
  }

  List<Route> routes() {
    return List.of(Route.of("GET", "/containers/{id}/stats", this::stats));
  }

  /** One reading with the time it was taken. */
  private record Sample(Instant at, CgroupUsage usage, long systemCpu) {}

  private Sample sample(ContainerRecord r) {
    return new Sample(Instant.now(), CgroupUsage.read(libpod.cgroupMode(), r.config()), CgroupUsage.systemCpuNanos());
  }

  private void stats(Exchange ex) throws IOException, InterruptedException {
    ContainerRecord rec = containers.get(ex);
    boolean stream = ex.bool("stream", true);
    boolean oneShot = ex.bool("one-shot", false);
    String id = rec.config().id();
    Sample prev = null;
    if (!stream && !oneShot) {
      // Docker answers a non-streamed request with two readings so the CLI can compute CPU %.
      prev = sample(rec);
      Thread.sleep(500);
    }
    if (!stream) {
      ex.json(200, view(containers.lookup(id), prev, sample(rec)));
      return;
    }
    ex.noIdleTimeout();
    OutputStream out = ex.stream(200, "application/json");
    while (!ex.clientGone()) {
      ContainerRecord now = containers.lookup(id);
      Sample s = sample(now);
      out.write(ex.json().writeValueAsBytes(view(now, prev, s)));
      out.write('\n');
      out.flush();
      if (!now.state().status().isAlive()) {
        return;
      }
      prev = s;
      Thread.sleep(1000);
    }
  }

  private Map<String, Object> view(ContainerRecord r, Sample prev, Sample s) {
    boolean alive = r.state().status().isAlive();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read", s.at().toString());
    m.put("preread", prev == null ? ContainerViews.ZERO_TIME : prev.at().toString());
    m.put("name", "/" + r.config().name());
    m.put("id", r.config().id());
    m.put("pids_stats", alive ? Map.of("current", s.usage().pids()) : Map.of());
    m.put("blkio_stats", Map.of("io_service_bytes_recursive", List.of()));
    int cpus = Runtime.getRuntime().availableProcessors();
    m.put("num_procs", 0);
    m.put("cpu_stats", cpu(s, cpus));
    m.put("precpu_stats", prev == null ? Map.of("cpu_usage", Map.of("total_usage", 0), "throttling_data", Map.of()) : cpu(prev, cpus));
    Map<String, Object> mem = new LinkedHashMap<>();
    if (alive) {
      mem.put("usage", s.usage().memoryUsage());
      mem.put("limit", s.usage().memoryLimit());
      mem.put("stats", Map.of());
    }
    m.put("memory_stats", mem);
    if (alive) {
      m.put("networks", networks(r.state().pid()));
    }
    return m;
  }

  private static Map<String, Object> cpu(Sample s, int cpus) {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("total_usage", s.usage().cpuNanos());
    usage.put("usage_in_kernelmode", 0);
    usage.put("usage_in_usermode", 0);
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("cpu_usage", usage);
    c.put("system_cpu_usage", s.systemCpu());
    c.put("online_cpus", cpus);
    c.put("throttling_data", Map.of("periods", 0, "throttled_periods", 0, "throttled_time", 0));
    return c;
  }

  /** The container's interfaces (but lo) from /proc/PID/net/dev, which shows its own namespace. */
  private static Map<String, Object> networks(long pid) {
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/net/dev"));
      for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).strip();
        if (name.equals("lo")) {
          continue;
        }
        String[] f = line.substring(colon + 1).strip().split("\\s+");
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("rx_bytes", Long.parseLong(f[0]));
        n.put("rx_packets", Long.parseLong(f[1]));
        n.put("rx_errors", Long.parseLong(f[2]));
        n.put("rx_dropped", Long.parseLong(f[3]));
        n.put("tx_bytes", Long.parseLong(f[8]));
        n.put("tx_packets", Long.parseLong(f[9]));
        n.put("tx_errors", Long.parseLong(f[10]));
        n.put("tx_dropped", Long.parseLong(f[11]));
        out.put(name, n);
      }
    } catch (IOException | RuntimeException e) {
      // the container just exited
    }
    return out;
  }
}
