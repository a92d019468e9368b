package io.jpod.api.compat;

import io.jpod.api.http.ApiVersion;
import io.jpod.api.http.Exchange;
import io.jpod.api.http.Filters;
import io.jpod.api.http.Route;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.events.Event;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Ping, version, info and events. */
final class SystemRoutes {
  private static final Set<String> EVENT_FILTERS = Set.of("type", "event", "container", "image", "label", "network", "volume");

  private final Libpod libpod;
  private final String engineVersion;

  SystemRoutes(Libpod libpod, String engineVersion) {
    this.libpod = libpod;
    this.engineVersion = engineVersion;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/_ping", this::ping),
        Route.of("HEAD", "/_ping", this::ping),
        Route.of("GET", "/version", ex -> ex.json(200, version())),
        Route.of("GET", "/info", ex -> ex.json(200, info())),
        Route.of("GET", "/events", this::events),
        Route.of("GET", "/system/df", ex -> ex.json(200, diskUsage())));
  }

  private void ping(Exchange ex) {
    ex.header("Cache-Control", "no-cache, no-store, must-revalidate");
    ex.header("Pragma", "no-cache");
    ex.header("Swarm", "inactive");
    ex.header("Builder-Version", "1");
    ex.text(200, "OK");
  }

  Map<String, Object> version() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Platform", Map.of("Name", "linux/amd64/jpod"));
    m.put("Components", List.of(Map.of("Name", "Podman Engine", "Version", engineVersion,
        "Details", Map.of("APIVersion", engineVersion, "Arch", "amd64", "Os", "linux", "MinAPIVersion", ApiVersion.MIN.toString()))));
    m.put("Version", engineVersion);
    m.put("ApiVersion", ApiVersion.MAX.toString());
    m.put("MinAPIVersion", ApiVersion.MIN.toString());
    m.put("GitCommit", "");
    m.put("GoVersion", "java" + Runtime.version().feature());
    m.put("Os", "linux");
    m.put("Arch", "amd64");
    m.put("KernelVersion", System.getProperty("os.version"));
    m.put("BuildTime", "1970-01-01T00:00:00.000000000+00:00");
    m.put("Experimental", false);
    return m;
  }

  Map<String, Object> info() {
    List<ContainerRecord> all = libpod.containers().list();
    long running = all.stream().filter(r -> r.state().status() == ContainerStatus.RUNNING).count();
    long paused = all.stream().filter(r -> r.state().status() == ContainerStatus.PAUSED).count();
    var o = libpod.options();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", "");
    m.put("Containers", all.size());
    m.put("ContainersRunning", running);
    m.put("ContainersPaused", paused);
    m.put("ContainersStopped", all.size() - running - paused);
    m.put("Images", libpod.store().images().list().size());
    m.put("Driver", o.storageDriver());
    m.put("DriverStatus", List.of());
    m.put("DockerRootDir", o.graphRoot().toString());
    m.put("MemoryLimit", true);
    m.put("SwapLimit", true);
    m.put("CpuCfsPeriod", true);
    m.put("CpuCfsQuota", true);
    m.put("PidsLimit", true);
    m.put("IPv4Forwarding", true);
    m.put("Debug", false);
    m.put("NFd", 0);
    m.put("NGoroutines", Thread.activeCount());
    m.put("SystemTime", Instant.now().toString());
    m.put("LoggingDriver", "k8s-file");
    m.put("CgroupDriver", o.cgroupManager());
    m.put("CgroupVersion", libpod.cgroupMode().infoName().replace("v", ""));
    m.put("KernelVersion", System.getProperty("os.version"));
    m.put("OperatingSystem", osName());
    m.put("OSType", "linux");
    m.put("OSVersion", "");
    m.put("Architecture", "x86_64");
    m.put("NCPU", Runtime.getRuntime().availableProcessors());
    m.put("MemTotal", memTotal());
    m.put("IndexServerAddress", "https://index.docker.io/v1/");
    m.put("RegistryConfig", Map.of("IndexConfigs", Map.of(), "InsecureRegistryCIDRs", List.of(), "Mirrors", List.of()));
    m.put("Name", hostname());
    m.put("Labels", List.of());
    m.put("ExperimentalBuild", false);
    m.put("ServerVersion", engineVersion);
    m.put("Runtimes", Map.of(libpod.defaultRuntime().name(), Map.of("path", libpod.defaultRuntime().path())));
    m.put("DefaultRuntime", libpod.defaultRuntime().name());
    m.put("Swarm", Map.of("NodeID", "", "NodeAddr", "", "LocalNodeState", "inactive", "ControlAvailable", false, "Error", "",
        "RemoteManagers", List.of()));
    m.put("LiveRestoreEnabled", false);
    m.put("Isolation", "");
    m.put("InitBinary", "");
    m.put("SecurityOptions", List.of("name=seccomp,profile=default"));
    m.put("Warnings", List.of());
    return m;
  }

  /** {@code docker system df}: images and containers in their list shapes, with sizes. */
  private Map<String, Object> diskUsage() {
    var du = libpod.images().diskUsage();
    java.util.List<Map<String, Object>> images = new java.util.ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    long layers = 0;
    for (var i : du.images()) {
      if (!seen.add(i.id())) {
        continue;
      }
      layers += i.uniqueSize();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("Id", "sha256:" + i.id());
      m.put("ParentId", "");
      m.put("RepoTags", du.images().stream().filter(x -> x.id().equals(i.id()) && !x.repository().equals("<none>"))
          .map(x -> x.repository() + ":" + x.tag()).toList());
      m.put("RepoDigests", List.of());
      m.put("Created", i.created() == null ? 0 : i.created().getEpochSecond());
      m.put("Size", i.size());
      m.put("SharedSize", i.sharedSize());
      m.put("Labels", null);
      m.put("Containers", i.containers());
      images.add(m);
    }
    java.util.List<Map<String, Object>> containers = new java.util.ArrayList<>();
    Map<String, Long> rw = new java.util.HashMap<>();
    du.containers().forEach(c -> rw.put(c.id(), c.rwSize()));
    for (ContainerRecord r : libpod.containers().list()) {
      Map<String, Object> m = ContainerViews.summary(r);
      m.put("SizeRw", rw.getOrDefault(r.config().id(), 0L));
      m.put("SizeRootFs", 0);
      containers.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("LayersSize", layers);
    out.put("Images", images);
    out.put("Containers", containers);
    out.put("Volumes", List.of());
    out.put("BuildCache", List.of());
    return out;
  }

  private static String osName() {
    try {
      for (String l : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (l.startsWith("PRETTY_NAME=")) {
          return l.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "linux";
  }

  private static long memTotal() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return 0;
  }

  private static String hostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return "localhost";
    }
  }

  // ---- events ----------------------------------------------------------------------------------

  private void events(Exchange ex) throws IOException {
    Filters f = ex.filters().allow(EVENT_FILTERS);
    Instant since = blank(ex.query("since")) ? null : Times.parse(ex.query("since"));
    Instant until = blank(ex.query("until")) ? null : Times.parse(ex.query("until"));
    Predicate<Event> keep = e -> {
      String action = DockerEvents.action(e);
      return action != null && (since == null || !e.time().isBefore(since)) && (until == null || !e.time().isAfter(until))
          && DockerEvents.matches(e, action, f);
    };
    OutputStream out = ex.stream(200, "application/json");
    long offset = Files.exists(libpod.events().file()) ? libpod.events().size() : 0;
    if (since != null) {
      for (Event e : libpod.events().read(keep)) {
        write(ex, out, e);
      }
    }
    if (until != null && !until.isAfter(Instant.now())) {
      return;
    }
    try {
      ex.untilHangUp(() -> {
        followEvents(ex, out, offset, keep, until);
        return Boolean.TRUE;
      }, until);
    } catch (UncheckedIOException e) {
      // the client stopped listening
    }
  }

  private void followEvents(Exchange ex, OutputStream out, long offset, Predicate<Event> keep, Instant until) {
    try {
      libpod.events().follow(offset, keep, e -> {
        if (until != null && e.time().isAfter(until)) {
          return false;
        }
        try {
          write(ex, out, e);
          return true;
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    } catch (UncheckedIOException e) {
      // the client stopped listening
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  private static void write(Exchange ex, OutputStream out, Event e) throws IOException {
    out.write(ex.json().writeValueAsBytes(DockerEvents.toDocker(e, ex.path().startsWith("/libpod/"))));
    out.write('\n');
    out.flush();
  }
}
