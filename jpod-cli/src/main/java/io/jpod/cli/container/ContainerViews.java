package io.jpod.cli.container;

import io.jpod.cli.HumanTime;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.container.ContainerState;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.oci.ContainerPaths;
import io.jpod.core.state.ContainerRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shapes podman prints for containers: {@code ps} rows and {@code inspect} documents. */
public final class ContainerViews {
  private ContainerViews() {}

  /** podman ps's STATUS column. */
  public static String status(ContainerState st) {
    return switch (st.status()) {
      case RUNNING -> "Up " + HumanTime.ago(st.startedAt());
      case PAUSED -> "Paused";
      case STOPPING -> "Stopping";
      case REMOVING -> "Removing";
      case CONFIGURED -> "Created";
      case CREATED -> "Initialized";
      case STOPPED, EXITED -> "Exited (" + st.exitCode() + ") " + (st.finishedAt() == null ? "" : HumanTime.ago(st.finishedAt()));
      case UNKNOWN -> "Unknown";
    };
  }

  /** One ps row: template fields (.ID, .Names, …) and podman's JSON keys together. */
  public static Map<String, Object> psRow(ContainerRecord rec, boolean noTrunc) {
    ContainerConfig c = rec.config();
    ContainerState st = rec.state();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("AutoRemove", c.autoRemove());
    m.put("Command", c.processArgs());
    m.put("CreatedAt", HumanTime.ago(c.created()));
    m.put("Exited", st.status() == ContainerStatus.EXITED || st.status() == ContainerStatus.STOPPED);
    m.put("ExitedAt", st.finishedAt() == null ? -62135596800L : st.finishedAt().getEpochSecond());
    m.put("ExitCode", st.exitCode());
    m.put("Id", c.id());
    m.put("Image", c.imageName());
    m.put("ImageID", c.imageId() == null ? "" : c.imageId());
    m.put("IsInfra", false);
    m.put("Labels", c.labels().isEmpty() ? null : c.labels());
    m.put("Mounts", MountViews.destinations(c.mounts()));
    m.put("Names", List.of(c.name()));
    m.put("Namespaces", Map.of());
    m.put("Networks", ContainerNetworkViews.networkNames(c));
    m.put("Pid", st.pid());
    m.put("Pod", "");
    m.put("PodName", "");
    m.put("Ports", ContainerNetworkViews.psJsonPorts(c));
    m.put("Size", null);
    m.put("StartedAt", st.startedAt() == null ? -62135596800L : st.startedAt().getEpochSecond());
    m.put("State", st.status().cliName());
    m.put("Status", status(st));
    m.put("Created", c.created().getEpochSecond());
    return m;
  }

  /** The view a {@code --format} template sees for a ps row (podman's ps template fields). */
  public static Map<String, Object> psTemplateRow(ContainerRecord rec, boolean noTrunc) {
    Map<String, Object> m = new LinkedHashMap<>(psRow(rec, noTrunc));
    ContainerConfig c = rec.config();
    m.put("ID", noTrunc ? c.id() : c.shortId());
    String cmd = String.join(" ", c.processArgs());
    m.put("Command", noTrunc || cmd.length() <= 17 ? cmd : cmd.substring(0, 17) + "...");
    m.put("Names", c.name());
    m.put("CreatedHuman", HumanTime.ago(c.created()));
    m.put("RunningFor", HumanTime.ago(c.created()));
    m.put("Created", c.created());
    m.put("CreatedAt", c.created()); // psReporter.CreatedAt is the time; ListContainer's JSON has "x ago"
    m.put("Ports", ContainerNetworkViews.psPorts(c));
    m.put("Labels", c.labels());
    m.put("Mounts", MountViews.destinations(c.mounts()));
    m.put("Networks", String.join(",", ContainerNetworkViews.networkNames(c)));
    m.put("Size", "");
    return m;
  }

  /** State.Health: the health log of a container with a healthcheck, else podman's empty one. */
  static Map<String, Object> health(ContainerConfig c, ContainerPaths paths) {
    var log = c.supervision().hasHealthcheck()
        ? io.jpod.core.supervision.HealthLog.read(paths.runDir()) : io.jpod.core.supervision.HealthLog.EMPTY;
    return map("Status", log.status(), "FailingStreak", log.failingStreak(), "Log", log.log());
  }

  /** A container's health for ps ("healthy", "unhealthy", "starting"), "" without a healthcheck. */
  public static String healthStatus(ContainerConfig c, ContainerPaths paths) {
    return c.supervision().hasHealthcheck() ? io.jpod.core.supervision.HealthLog.read(paths.runDir()).status() : "";
  }

  /** podman's ps STATUS with the health in parentheses ("Up 5 seconds ago (healthy)"). */
  public static Map<String, Object> withHealth(Map<String, Object> row, String health) {
    if (health != null && !health.isEmpty()) {
      row.put("Status", row.get("Status") + " (" + health + ")");
    }
    return row;
  }

  static String goTime(Instant t) {
    if (t == null) {
      return "0001-01-01T00:00:00Z";
    }
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnnXXX").format(t.atZone(ZoneId.systemDefault()));
  }

  /** podman inspect's document for one container, with what the state, the store and the pod add. */
  public static Map<String, Object> inspect(io.jpod.core.Libpod libpod, ContainerRecord rec) {
    var paths = libpod.containers().paths(rec.config());
    var store = libpod.store();
    var doc = inspect(rec, paths, libpod.state().execSessionIds(rec.config().id()), paths.conmonPidFile().toString(),
        store.driverName());
    String id = rec.config().id();
    String imageId = rec.config().imageId();
    if (imageId != null && !imageId.isEmpty()) {
      try {
        String digest = store.images().lookup(imageId).digest();
        doc.put("ImageDigest", digest == null ? "" : digest);
      } catch (JpodException e) {
        doc.put("ImageDigest", ""); // the image was removed (rmi -f of an image in use)
      }
    }
    if (rec.config().rootfs() == null) {
      try {
        doc.put("GraphDriver", map("Name", store.driverName(), "Data", graphData(store, id, rec.state().mountPoint())));
      } catch (JpodException | java.io.IOException e) {
        // the store has no layer for it (yet): keep what the state knows
      }
    }
    if (rec.config().podId() != null) {
      var pod = libpod.state().pod(rec.config().podId());
      doc.put("IsInfra", pod.isPresent() && id.equals(pod.get().state().infraContainerId()));
    }
    return doc;
  }

  /** overlay's directories of the container's layer, as podman lists them (MergedDir only while mounted). */
  private static Map<String, Object> graphData(io.jpod.storage.Store store, String containerId, String mountPoint)
      throws java.io.IOException {
    var layer = store.containers().get(containerId);
    Map<String, Object> data = new LinkedHashMap<>();
    if (layer.workDir() != null) {
      List<String> chain = store.layers().chain(layer.layerId());
      List<String> lower = new ArrayList<>();
      for (int i = chain.size() - 2; i >= 0; i--) {
        lower.add(store.layers().diffDir(chain.get(i)).toString());
      }
      if (!lower.isEmpty()) {
        data.put("LowerDir", String.join(":", lower));
      }
      if (mountPoint != null) {
        data.put("MergedDir", mountPoint);
      }
      data.put("UpperDir", layer.diffDir().toString());
      data.put("WorkDir", layer.workDir().toString());
    } else if (mountPoint != null) {
      data.put("MergedDir", mountPoint);
    }
    return data;
  }

  /** podman inspect's document for one container. */
  public static Map<String, Object> inspect(ContainerRecord rec, ContainerPaths paths, List<String> execIds, String conmonPidFile,
      String graphDriver) {
    ContainerConfig c = rec.config();
    ContainerState st = rec.state();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", c.id());
    m.put("Created", goTime(c.created()));
    List<String> args = c.processArgs();
    m.put("Path", args.isEmpty() ? "" : args.getFirst());
    m.put("Args", args.size() > 1 ? args.subList(1, args.size()) : List.of());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("OciVersion", "1.0.2-dev");
    s.put("Status", st.status().cliName());
    s.put("Running", st.status() == ContainerStatus.RUNNING);
    s.put("Paused", st.status() == ContainerStatus.PAUSED);
    s.put("Restarting", false);
    s.put("OOMKilled", st.oomKilled());
    s.put("Dead", false);
    s.put("Pid", st.pid());
    s.put("ConmonPid", st.conmonPid());
    s.put("ExitCode", st.exitCode());
    s.put("Error", st.error() == null ? "" : st.error());
    s.put("StartedAt", goTime(st.startedAt()));
    s.put("FinishedAt", goTime(st.finishedAt()));
    s.put("Health", health(c, paths));
    s.put("CheckpointedAt", "0001-01-01T00:00:00Z");
    s.put("RestoredAt", "0001-01-01T00:00:00Z");
    m.put("State", s);
    m.put("Image", c.imageId() == null ? "" : c.imageId());
    m.put("ImageName", c.imageName());
    m.put("Rootfs", c.rootfs() == null ? "" : c.rootfs());
    m.put("Pod", c.podId() == null ? "" : c.podId());
    m.put("ResolvConfPath", paths.resolvConf().toString());
    m.put("HostnamePath", paths.hostnameFile().toString());
    m.put("HostsPath", paths.hostsFile().toString());
    m.put("StaticDir", paths.bundle().toString());
    boolean initialized = java.nio.file.Files.exists(paths.configJson()); // the spec is written at init
    // podman's JSON omits it until then; its templates see an empty string, as they do here
    m.put("OCIConfigPath", initialized ? paths.configJson().toString() : "");
    m.put("OCIRuntime", c.runtime());
    m.put("ConmonPidFile", conmonPidFile);
    m.put("PidFile", paths.pidFile().toString());
    m.put("Name", c.name());
    m.put("RestartCount", st.restartCount());
    m.put("Driver", graphDriver);
    m.put("MountLabel", "");
    m.put("ProcessLabel", "");
    m.put("AppArmorProfile", "");
    m.put("EffectiveCaps", io.jpod.cli.format.GoNil.orNil(c.effectiveCapabilities()));
    m.put("BoundingCaps", c.capabilities());
    m.put("ExecIDs", execIds);
    m.put("GraphDriver", map("Name", graphDriver, "Data", st.mountPoint() == null ? Map.of() : Map.of("MergedDir", st.mountPoint())));
    m.put("Mounts", MountViews.mounts(c.mounts(), MountViews.volumeRoot(paths.bundle())));
    m.put("Dependencies", c.dependencies()); // a pod member depends on its infra container
    m.put("NetworkSettings", ContainerNetworkViews.settings(rec, "podman"));
    m.put("Namespace", "");
    m.put("IsInfra", false);
    m.put("IsService", false);
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("Hostname", c.hostname());
    cfg.put("Domainname", "");
    cfg.put("User", c.user());
    cfg.put("AttachStdin", false);
    cfg.put("AttachStdout", false);
    cfg.put("AttachStderr", false);
    cfg.put("Tty", c.tty());
    cfg.put("OpenStdin", c.stdin());
    cfg.put("StdinOnce", false);
    cfg.put("Env", c.env());
    cfg.put("Cmd", c.command().isEmpty() ? null : c.command());
    cfg.put("Image", c.imageName());
    cfg.put("Volumes", null);
    cfg.put("WorkingDir", c.workingDir());
    cfg.put("Entrypoint", String.join(" ", c.entrypoint()));
    cfg.put("OnBuild", null);
    cfg.put("Labels", c.labels().isEmpty() ? io.jpod.cli.format.GoNil.map() : c.labels());
    Map<String, String> ann = new LinkedHashMap<>(c.annotations());
    if (initialized) { // podman adds these to the spec when the container is first initialized
      ann.put("io.container.manager", "libpod");
      ann.put("io.kubernetes.cri-o.Created", goTime(c.created()));
    }
    ann.put("io.kubernetes.cri-o.TTY", c.tty() ? "true" : "false");
    ann.put("io.podman.annotations.autoremove", c.autoRemove() ? "TRUE" : "FALSE");
    ann.put("io.podman.annotations.init", c.init() ? "TRUE" : "FALSE");
    ann.put("io.podman.annotations.privileged", "FALSE");
    ann.put("io.podman.annotations.publish-all", "FALSE");
    if (initialized) {
      ann.put("org.opencontainers.image.stopSignal", Integer.toString(c.stopSignal()));
    }
    cfg.put("Annotations", ann);
    cfg.put("StopSignal", c.stopSignal());
    if (c.supervision().healthcheck() != null) {
      cfg.put("Healthcheck", c.supervision().healthcheck().toDocker());
    }
    cfg.put("HealthcheckOnFailureAction", c.supervision().healthOnFailure().cliName());
    cfg.put("StopTimeout", c.stopTimeout());
    cfg.put("CreateCommand", c.createCommand());
    cfg.put("Umask", "0022");
    if (c.secrets().stream().anyMatch(sec -> sec.type().equals("mount"))) {
      cfg.put("Secrets", c.secrets().stream().filter(sec -> sec.type().equals("mount"))
          .map(sec -> map("Name", sec.name(), "ID", sec.id(), "UID", sec.uid(), "GID", sec.gid(), "Mode", sec.mode())).toList());
    }
    cfg.put("Timeout", 0);
    cfg.put("Passwd", true);
    cfg.put("sdNotifyMode", "container");
    m.put("Config", cfg);
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("Binds", MountViews.binds(c.mounts()));
    host.put("Tmpfs", MountViews.tmpfs(c.mounts()));
    host.put("CgroupManager", "cgroupfs");
    host.put("CgroupMode", IdentityViews.cgroupMode(c));
    host.put("ContainerIDFile", "");
    host.put("LogConfig", map("Type", c.logDriver(), "Config", io.jpod.cli.format.GoNil.map(), "Path", c.logPath(),
        "Tag", c.logOptions().getOrDefault("tag", ""),
        "Size", io.jpod.cli.image.Sizes.human(Math.max(0, c.logSizeMax()))));
    host.put("NetworkMode", ContainerNetworkViews.networkMode(c));
    host.put("PortBindings", ContainerNetworkViews.portBindings(c));
    host.put("RestartPolicy", map("Name", c.supervision().restartPolicy().name(),
        "MaximumRetryCount", c.supervision().restartPolicy().maximumRetryCount()));
    host.put("AutoRemove", c.autoRemove());
    host.put("CapAdd", List.of());
    host.put("CapDrop", List.of());
    host.put("Init", c.init());
    host.put("PidsLimit", c.pidsLimit());
    host.put("CgroupParent", c.cgroupParent());
    List<Map<String, Object>> ulimits = new ArrayList<>();
    for (var r : c.rlimits()) {
      ulimits.add(map("Name", r.type(), "Soft", r.soft(), "Hard", r.hard()));
    }
    host.put("Ulimits", ulimits);
    host.put("ShmSize", c.shmSize());
    host.put("Runtime", "oci");
    putResources(host, c.resources());
    var sec = c.security();
    host.put("Privileged", sec.privileged());
    host.put("ReadonlyRootfs", sec.readOnly());
    host.put("SecurityOpt", sec.securityOpt());
    host.put("GroupAdd", sec.groupAdd());
    host.put("IpcMode", c.namespaces().ipc());
    host.put("PidMode", c.namespaces().pid());
    host.put("UTSMode", c.namespaces().uts());
    IdentityViews.put(host, c);
    List<Map<String, Object>> devices = new ArrayList<>();
    // podman 4.3.1 leaves CgroupPermissions empty in inspect, whatever was asked for
    sec.devices().forEach(d -> devices.add(map("PathOnHost", d.hostPath(), "PathInContainer", d.path(),
        "CgroupPermissions", "")));
    host.put("Devices", devices);
    // the rest of podman's HostConfig keys, so templates and JSON readers find them
    var net = c.network();
    host.put("Dns", net.dnsServers());
    host.put("DnsOptions", net.dnsOptions());
    host.put("DnsSearch", net.dnsSearch());
    host.put("ExtraHosts", net.addHosts());
    host.put("VolumeDriver", "");
    host.put("VolumesFrom", null);
    host.put("PublishAllPorts", false); // podman 4.3.1 shows false even with --publish-all
    host.put("ConsoleSize", List.of(0, 0));
    host.put("Cgroup", "");
    host.put("CgroupConf", null);
    host.put("Links", null);
    host.put("Isolation", "");
    host.put("CpuCount", 0);
    host.put("CpuPercent", 0);
    host.put("CpuRealtimePeriod", 0);
    host.put("CpuRealtimeRuntime", 0);
    host.put("DiskQuota", 0);
    host.put("IOMaximumBandwidth", 0);
    host.put("IOMaximumIOps", 0);
    host.put("KernelMemory", 0);
    host.put("BlkioDeviceReadIOps", null);
    host.put("BlkioDeviceWriteIOps", null);
    host.put("BlkioWeightDevice", null);
    m.put("HostConfig", host);
    return m;
  }

  /** podman's HostConfig limit fields; unset ones show as 0 (null for the device lists). */
  static void putResources(Map<String, Object> host, io.jpod.core.resources.ResourceConfig r) {
    host.put("OomScoreAdj", r.oomScoreAdj() == null ? 0 : r.oomScoreAdj());
    host.put("CpuShares", r.cpuShares());
    host.put("Memory", r.memory());
    host.put("NanoCpus", r.nanoCpus());
    host.put("BlkioWeight", r.blkioWeight());
    host.put("BlkioDeviceReadBps", deviceRates(r.deviceReadBps()));
    host.put("BlkioDeviceWriteBps", deviceRates(r.deviceWriteBps()));
    host.put("CpuPeriod", r.cpuPeriod());
    host.put("CpuQuota", r.cpuQuota());
    host.put("CpusetCpus", r.cpusetCpus());
    host.put("CpusetMems", r.cpusetMems());
    host.put("MemoryReservation", r.memoryReservation());
    host.put("MemorySwap", r.memorySwap());
    host.put("MemorySwappiness", r.memorySwappiness() == null ? 0 : r.memorySwappiness());
    host.put("OomKillDisable", r.oomKillDisable());
  }

  private static List<Map<String, Object>> deviceRates(List<io.jpod.core.resources.ResourceConfig.DeviceRate> rates) {
    if (rates.isEmpty()) {
      return null;
    }
    List<Map<String, Object>> out = new ArrayList<>();
    rates.forEach(d -> out.add(map("Path", d.path(), "Rate", d.rate())));
    return out;
  }

  /** An ordered map that, unlike Map.of, keeps null values (podman prints them as JSON null). */
  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
