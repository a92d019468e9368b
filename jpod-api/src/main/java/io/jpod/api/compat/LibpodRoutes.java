package io.jpod.api.compat;

import io.jpod.api.http.Exchange;
import io.jpod.api.http.Filters;
import io.jpod.api.http.Route;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.network.PortMapping;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first few libpod (podman's own) endpoints, enough for {@code podman --remote} to connect
 * (ping with {@code Libpod-API-Version}), show {@code version}, {@code info} and list containers.
 */
final class LibpodRoutes {
  private static final Set<String> LIST_FILTERS = Set.of("id", "name", "label", "status", "ancestor");

  private final Libpod libpod;
  private final SystemRoutes system;
  private final String engineVersion;

  LibpodRoutes(Libpod libpod, SystemRoutes system, String engineVersion) {
    this.libpod = libpod;
    this.system = system;
    this.engineVersion = engineVersion;
  }

  List<Route> routes() {
    return List.of(
        Route.of("GET", "/libpod/_ping", this::ping),
        Route.of("HEAD", "/libpod/_ping", this::ping),
        Route.of("GET", "/libpod/version", ex -> ex.json(200, system.version())),
        Route.of("GET", "/libpod/info", ex -> ex.json(200, info())),
        Route.of("GET", "/libpod/containers/json", this::list));
  }

  private void ping(Exchange ex) {
    ex.header("Cache-Control", "no-cache, no-store, must-revalidate");
    ex.header("Pragma", "no-cache");
    ex.header("Libpod-API-Version", engineVersion);
    ex.header("Libpod-Buildah-Version", "1.28.0");
    ex.header("Api-Version", io.jpod.api.http.ApiVersion.MAX.toString());
    ex.text(200, "OK");
  }

  private Map<String, Object> info() {
    List<ContainerRecord> all = libpod.containers().list();
    long running = all.stream().filter(r -> r.state().status() == ContainerStatus.RUNNING).count();
    long paused = all.stream().filter(r -> r.state().status() == ContainerStatus.PAUSED).count();
    var o = libpod.options();
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("arch", "amd64");
    host.put("cgroupManager", o.cgroupManager());
    host.put("cgroupVersion", libpod.cgroupMode().infoName());
    host.put("cpus", Runtime.getRuntime().availableProcessors());
    host.put("hostname", system.info().get("Name"));
    host.put("kernel", System.getProperty("os.version"));
    host.put("memTotal", system.info().get("MemTotal"));
    host.put("networkBackend", libpod.networks().backend().name());
    host.put("os", "linux");
    host.put("ociRuntime", Map.of("name", libpod.defaultRuntime().name(), "path", libpod.defaultRuntime().path().toString()));
    host.put("distribution", Map.of("distribution", String.valueOf(system.info().get("OperatingSystem"))));
    host.put("security", Map.of("rootless", false, "seccompEnabled", true));
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("graphDriverName", o.storageDriver());
    store.put("graphRoot", o.graphRoot().toString());
    store.put("runRoot", o.runRoot().toString());
    store.put("volumePath", o.graphRoot().resolve("volumes").toString());
    store.put("imageStore", Map.of("number", libpod.store().images().list().size()));
    store.put("containerStore", Map.of("number", all.size(), "running", running, "paused", paused,
        "stopped", all.size() - running - paused));
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("APIVersion", engineVersion);
    version.put("Version", engineVersion);
    version.put("GoVersion", "java" + Runtime.version().feature());
    version.put("GitCommit", "");
    version.put("BuiltTime", "Thu Jan  1 00:00:00 1970");
    version.put("Built", 0);
    version.put("OsArch", "linux/amd64");
    version.put("Os", "linux");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", host);
    m.put("store", store);
    m.put("registries", Map.of());
    m.put("plugins", Map.of("volume", List.of("local"), "network", List.of("bridge", "macvlan"), "log", List.of("k8s-file", "none")));
    m.put("version", version);
    return m;
  }

  private void list(Exchange ex) {
    Filters f = ex.filters().allow(LIST_FILTERS);
    boolean all = ex.bool("all", false);
    List<Object> out = new ArrayList<>();
    for (ContainerRecord r : libpod.containers().list()) {
      ContainerConfig c = r.config();
      String state = r.state().status().name().toLowerCase(java.util.Locale.ROOT);
      if ((!all && !r.state().status().isAlive())
          || !f.any("id", v -> c.id().startsWith(v))
          || !f.any("name", v -> c.name().contains(v))
          || !f.any("status", v -> v.equals(state) || v.equals(ContainerViews.dockerState(r.state().status())))
          || !f.any("ancestor", v -> v.equals(c.imageName()) || (c.imageId() != null && c.imageId().startsWith(v)))
          || !f.labels("label", c.labels())) {
        continue;
      }
      out.add(summary(r));
    }
    Integer last = ex.integer("last");
    ex.json(200, last != null && last >= 0 && last < out.size() ? out.subList(out.size() - last, out.size()) : out);
  }

  /** One container in podman's {@code ps --format json} (ListContainer) shape. */
  private static Map<String, Object> summary(ContainerRecord r) {
    ContainerConfig c = r.config();
    ContainerState st = r.state();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("AutoRemove", c.autoRemove());
    m.put("Command", c.processArgs());
    m.put("Created", c.created().toString());
    m.put("CreatedAt", "");
    m.put("Exited", st.status() == ContainerStatus.EXITED || st.status() == ContainerStatus.STOPPED);
    m.put("ExitedAt", st.finishedAt() == null ? -62135596800L : st.finishedAt().getEpochSecond());
    m.put("ExitCode", st.exitCode());
    m.put("Id", c.id());
    m.put("Image", c.imageName() == null ? "" : c.imageName());
    m.put("ImageID", c.imageId() == null ? "" : c.imageId());
    m.put("IsInfra", false);
    m.put("Labels", c.labels().isEmpty() ? null : c.labels());
    m.put("Mounts", c.mounts().stream().map(x -> x.destination()).toList());
    m.put("Names", List.of(c.name()));
    m.put("Namespaces", Map.of());
    m.put("Networks", c.network().networks().stream().map(a -> a.network()).toList());
    m.put("Pid", st.status().isAlive() ? st.pid() : 0);
    m.put("Pod", c.podId() == null ? "" : c.podId());
    m.put("PodName", "");
    List<Map<String, Object>> ports = new ArrayList<>();
    for (PortMapping p : c.network().ports()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("host_ip", p.hostIp() == null ? "" : p.hostIp());
      pm.put("container_port", p.containerPort());
      pm.put("host_port", p.hostPort());
      pm.put("range", p.range());
      pm.put("protocol", p.protocol());
      ports.add(pm);
    }
    m.put("Ports", ports.isEmpty() ? null : ports);
    m.put("Size", null);
    m.put("StartedAt", st.startedAt() == null ? -62135596800L : st.startedAt().getEpochSecond());
    m.put("State", ContainerViews.dockerState(st.status()));
    m.put("Status", "");
    return m;
  }
}
