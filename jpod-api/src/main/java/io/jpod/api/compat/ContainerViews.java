package io.jpod.api.compat;

import io.jpod.common.HumanTime;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.network.NetworkStatus;
import io.jpod.core.network.PortMapping;
import io.jpod.core.state.ContainerRecord;
import io.jpod.core.volume.MountConfig;
import io.jpod.sys.Processes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Containers in Docker's shapes: the list summary (§5.1) and inspect (§4.2). */
final class ContainerViews {
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private ContainerViews() {}

  /** Docker's state name for a libpod state. */
  static String dockerState(ContainerStatus s) {
    return switch (s) {
      case CONFIGURED, CREATED -> "created";
      case RUNNING, STOPPING -> "running";
      case PAUSED -> "paused";
      case STOPPED, EXITED -> "exited";
      case REMOVING -> "removing";
      case UNKNOWN -> "dead";
    };
  }

  static String statusText(ContainerState st) {
    return switch (st.status()) {
      case RUNNING, STOPPING -> "Up " + HumanTime.duration(Duration.between(orNow(st.startedAt()), Instant.now()));
      case PAUSED -> "Up " + HumanTime.duration(Duration.between(orNow(st.startedAt()), Instant.now())) + " (Paused)";
      case STOPPED, EXITED -> "Exited (" + st.exitCode() + ") " + HumanTime.ago(orNow(st.finishedAt()));
      case REMOVING -> "Removal In Progress";
      case UNKNOWN -> "Dead";
      default -> "Created";
    };
  }

  private static Instant orNow(Instant t) {
    return t == null ? Instant.now() : t;
  }

  static String time(Instant t) {
    return t == null ? ZERO_TIME : t.toString();
  }

  static String command(ContainerConfig c) {
    return String.join(" ", c.processArgs());
  }

  static String networkMode(ContainerConfig c) {
    String m = c.networkMode();
    return m == null || m.isEmpty() || m.equals("bridge") ? "bridge" : m;
  }

  static Map<String, Object> summary(ContainerRecord r) {
    ContainerConfig c = r.config();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", c.id());
    m.put("Names", List.of("/" + c.name()));
    m.put("Image", c.imageName() == null ? "" : c.imageName());
    m.put("ImageID", c.imageId() == null ? "" : "sha256:" + c.imageId());
    m.put("Command", command(c));
    m.put("Created", c.created().getEpochSecond());
    m.put("Ports", ports(c));
    m.put("Labels", c.labels());
    m.put("State", dockerState(r.state().status()));
    m.put("Status", statusText(r.state()));
    m.put("HostConfig", Map.of("NetworkMode", networkMode(c)));
    m.put("NetworkSettings", Map.of("Networks", networks(r)));
    m.put("Mounts", mounts(c));
    return m;
  }

  private static List<Map<String, Object>> ports(ContainerConfig c) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (PortMapping p : c.network().ports()) {
      for (int i = 0; i < Math.max(1, p.range()); i++) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("IP", p.hostIp() == null || p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp());
        m.put("PrivatePort", p.containerPort() + i);
        m.put("PublicPort", p.hostPort() + i);
        m.put("Type", p.protocol());
        out.add(m);
      }
    }
    return out;
  }

  private static Map<String, Object> networks(ContainerRecord r) {
    Map<String, Object> out = new LinkedHashMap<>();
    NetworkStatus ns = r.state().network();
    if (ns != null) {
      ns.networks().forEach((name, res) -> {
        Map<String, Object> e = endpoint();
        for (NetworkStatus.Interface itf : res.interfaces().values()) {
          e.put("MacAddress", itf.macAddress());
          for (NetworkStatus.Subnet s : itf.subnets()) {
            int slash = s.ipnet().indexOf('/');
            String ip = slash < 0 ? s.ipnet() : s.ipnet().substring(0, slash);
            int prefix = slash < 0 ? 0 : Integer.parseInt(s.ipnet().substring(slash + 1));
            String gateway = s.gateway() == null ? "" : s.gateway();
            boolean v6 = ip.contains(":");
            e.put(v6 ? "GlobalIPv6Address" : "IPAddress", ip);
            e.put(v6 ? "GlobalIPv6PrefixLen" : "IPPrefixLen", prefix);
            e.put(v6 ? "IPv6Gateway" : "Gateway", gateway);
          }
        }
        var def = ns.definitions().get(name);
        if (def != null) {
          e.put("NetworkID", def.id());
        }
        aliases(r, name, e);
        out.put(name.equals("podman") ? "bridge" : name, e);
      });
    } else if (!r.config().network().networks().isEmpty()) {
      r.config().network().networks().forEach(a -> {
        Map<String, Object> e = endpoint();
        aliases(r, a.network(), e);
        out.put(a.network().equals("podman") ? "bridge" : a.network(), e);
      });
    }
    return out;
  }

  private static void aliases(ContainerRecord r, String network, Map<String, Object> e) {
    r.config().network().networks().stream().filter(a -> a.network().equals(network)).findFirst().ifPresent(a -> {
      if (!a.aliases().isEmpty()) {
        e.put("Aliases", a.aliases());
      }
      if (!a.staticIps().isEmpty()) {
        e.put("IPAMConfig", Map.of("IPv4Address", a.staticIps().getFirst()));
      }
    });
  }

  private static Map<String, Object> endpoint() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("IPAMConfig", null);
    e.put("Links", null);
    e.put("Aliases", null);
    e.put("NetworkID", "");
    e.put("EndpointID", "");
    e.put("Gateway", "");
    e.put("IPAddress", "");
    e.put("IPPrefixLen", 0);
    e.put("IPv6Gateway", "");
    e.put("GlobalIPv6Address", "");
    e.put("GlobalIPv6PrefixLen", 0);
    e.put("MacAddress", "");
    return e;
  }

  private static List<Map<String, Object>> mounts(ContainerConfig c) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MountConfig m : c.mounts()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("Type", m.type());
      if (m.isVolume()) {
        x.put("Name", m.source());
        x.put("Driver", "local");
      }
      x.put("Source", m.source());
      x.put("Destination", m.destination());
      x.put("Mode", "");
      x.put("RW", !m.options().contains("ro"));
      x.put("Propagation", m.options().stream().filter(o -> o.endsWith("private") || o.endsWith("shared") || o.endsWith("slave"))
          .findFirst().orElse(""));
      out.add(x);
    }
    return out;
  }

  /**
   * Docker's State.Health, for a container with a healthcheck once it has started (Docker sets it
   * up at start); "starting" until the first check. Null when Docker shows none.
   */
  static Map<String, Object> health(ContainerRecord r, java.nio.file.Path runDir) {
    if (!r.config().supervision().hasHealthcheck()) {
      return null;
    }
    var log = io.jpod.core.supervision.HealthLog.read(runDir);
    if (log.status().isEmpty() && r.state().startedAt() == null) {
      return null;
    }
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("Status", log.status().isEmpty() ? io.jpod.core.supervision.HealthLog.STARTING : log.status());
    h.put("FailingStreak", log.failingStreak());
    h.put("Log", log.log() == null ? List.of() : log.log());
    return h;
  }

  static Map<String, Object> inspect(ContainerRecord r, String logPathIfAny) {
    ContainerConfig c = r.config();
    ContainerState st = r.state();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", c.id());
    m.put("Created", c.created().toString());
    List<String> args = c.processArgs();
    m.put("Path", args.isEmpty() ? "" : args.getFirst());
    m.put("Args", args.size() <= 1 ? List.of() : args.subList(1, args.size()));
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("Status", dockerState(st.status()));
    state.put("Running", st.status().isAlive());
    state.put("Paused", st.status() == ContainerStatus.PAUSED);
    state.put("Restarting", false);
    state.put("OOMKilled", st.oomKilled());
    state.put("Dead", st.status() == ContainerStatus.UNKNOWN);
    state.put("Pid", st.status().isAlive() ? st.pid() : 0);
    state.put("ExitCode", st.exitCode());
    state.put("Error", st.error() == null ? "" : st.error());
    state.put("StartedAt", time(st.startedAt()));
    state.put("FinishedAt", time(st.finishedAt()));
    m.put("State", state);
    m.put("Image", c.imageId() == null ? "" : "sha256:" + c.imageId());
    m.put("ResolvConfPath", "");
    m.put("HostnamePath", "");
    m.put("HostsPath", "");
    m.put("LogPath", logPathIfAny == null ? "" : logPathIfAny);
    m.put("Name", "/" + c.name());
    m.put("RestartCount", st.restartCount());
    m.put("Driver", "overlay");
    m.put("Platform", "linux");
    m.put("MountLabel", "");
    m.put("ProcessLabel", "");
    m.put("AppArmorProfile", "");
    m.put("ExecIDs", null);
    m.put("HostConfig", hostConfig(c));
    m.put("GraphDriver", Map.of("Name", "overlay", "Data", Map.of()));
    m.put("Mounts", mounts(c));
    m.put("Config", config(c));
    m.put("NetworkSettings", networkSettings(r));
    return m;
  }

  private static Map<String, Object> hostConfig(ContainerConfig c) {
    Map<String, Object> h = new LinkedHashMap<>();
    List<String> binds = new ArrayList<>();
    for (MountConfig mc : c.mounts()) {
      if (!mc.anonymous() && !mc.type().equals("tmpfs")) {
        binds.add(mc.source() + ":" + mc.destination() + (mc.options().isEmpty() ? "" : ":" + String.join(",", mc.options())));
      }
    }
    h.put("Binds", binds.isEmpty() ? null : binds);
    h.put("NetworkMode", networkMode(c));
    h.put("PortBindings", portBindings(c));
    var policy = c.supervision().restartPolicy();
    h.put("RestartPolicy", Map.of("Name", policy.name().isEmpty() ? "no" : policy.name(),
        "MaximumRetryCount", policy.maximumRetryCount()));
    h.put("AutoRemove", c.autoRemove());
    h.put("Init", c.init());
    h.put("Privileged", false);
    h.put("PublishAllPorts", c.network().publishAll());
    h.put("ReadonlyRootfs", false);
    h.put("Dns", c.network().dnsServers());
    h.put("DnsOptions", c.network().dnsOptions());
    h.put("DnsSearch", c.network().dnsSearch());
    h.put("ExtraHosts", c.network().addHosts());
    h.put("ShmSize", c.shmSize());
    h.put("PidsLimit", c.pidsLimit());
    resources(h, c.resources());
    h.put("LogConfig", Map.of("Type", c.logDriver(), "Config", Map.of()));
    return h;
  }

  /** The limits docker update and docker inspect read, in Docker's units (0 = not set). */
  private static void resources(Map<String, Object> h, io.jpod.core.resources.ResourceConfig r) {
    h.put("Memory", r.memory());
    h.put("MemoryReservation", r.memoryReservation());
    h.put("MemorySwap", r.memorySwap());
    h.put("MemorySwappiness", r.memorySwappiness());
    h.put("OomKillDisable", r.oomKillDisable());
    h.put("NanoCpus", r.nanoCpus());
    h.put("CpuShares", r.cpuShares());
    h.put("CpuPeriod", r.cpuPeriod());
    h.put("CpuQuota", r.cpuQuota());
    h.put("CpusetCpus", r.cpusetCpus());
    h.put("CpusetMems", r.cpusetMems());
    h.put("BlkioWeight", r.blkioWeight());
  }

  private static Map<String, Object> portBindings(ContainerConfig c) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (PortMapping p : c.network().ports()) {
      for (int i = 0; i < Math.max(1, p.range()); i++) {
        @SuppressWarnings("unchecked")
        List<Map<String, String>> l = (List<Map<String, String>>) out.computeIfAbsent(
            (p.containerPort() + i) + "/" + p.protocol(), k -> new ArrayList<Map<String, String>>());
        l.add(Map.of("HostIp", p.hostIp() == null ? "" : p.hostIp(), "HostPort", String.valueOf(p.hostPort() + i)));
      }
    }
    return out;
  }

  private static Map<String, Object> config(ContainerConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Hostname", c.hostname());
    m.put("Domainname", "");
    m.put("User", c.user() == null ? "" : c.user());
    m.put("AttachStdin", false);
    m.put("AttachStdout", false);
    m.put("AttachStderr", false);
    Map<String, Object> exposed = new LinkedHashMap<>();
    c.network().exposed().forEach(p -> exposed.put(p.contains("/") ? p : p + "/tcp", Map.of()));
    c.network().ports().forEach(p -> exposed.put(p.containerPort() + "/" + p.protocol(), Map.of()));
    m.put("ExposedPorts", exposed.isEmpty() ? null : exposed);
    m.put("Tty", c.tty());
    m.put("OpenStdin", c.stdin());
    m.put("StdinOnce", false);
    m.put("Env", c.env());
    m.put("Cmd", c.command());
    m.put("Image", c.imageName() == null ? "" : c.imageName());
    m.put("Volumes", null);
    m.put("WorkingDir", c.workingDir() == null ? "" : c.workingDir());
    m.put("Entrypoint", c.entrypoint() == null || c.entrypoint().isEmpty() ? null : c.entrypoint());
    m.put("OnBuild", null);
    m.put("Labels", c.labels());
    m.put("StopSignal", Processes.signalName(c.stopSignal()));
    m.put("StopTimeout", c.stopTimeout());
    if (c.supervision().healthcheck() != null) {
      m.put("Healthcheck", c.supervision().healthcheck().toDocker());
    }
    return m;
  }

  private static Map<String, Object> networkSettings(ContainerRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Bridge", "");
    m.put("SandboxID", "");
    m.put("SandboxKey", r.state().network() == null || r.state().network().netnsPath() == null ? "" : r.state().network().netnsPath());
    Map<String, Object> ports = new LinkedHashMap<>();
    ContainerConfig c = r.config();
    c.network().exposed().forEach(p -> ports.put(p.contains("/") ? p : p + "/tcp", null));
    if (r.state().status().isAlive()) {
      for (PortMapping p : c.network().ports()) {
        for (int i = 0; i < Math.max(1, p.range()); i++) {
          @SuppressWarnings("unchecked")
          List<Map<String, String>> l = (List<Map<String, String>>) ports.compute((p.containerPort() + i) + "/" + p.protocol(),
              (k, v) -> v == null ? new ArrayList<Map<String, String>>() : v);
          l.add(Map.of("HostIp", p.hostIp() == null || p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp(),
              "HostPort", String.valueOf(p.hostPort() + i)));
        }
      }
    }
    m.put("Ports", ports);
    Map<String, Object> nets = networks(r);
    m.put("Networks", nets);
    Object first = nets.values().stream().findFirst().orElse(null);
    @SuppressWarnings("unchecked")
    Map<String, Object> f = first instanceof Map<?, ?> ? (Map<String, Object>) first : endpoint();
    for (String k : List.of("Gateway", "IPAddress", "IPPrefixLen", "MacAddress", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPv6Gateway")) {
      m.put(k, f.get(k));
    }
    return m;
  }
}
