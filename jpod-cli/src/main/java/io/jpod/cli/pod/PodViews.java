package io.jpod.cli.pod;

import io.jpod.cli.HumanTime;
import io.jpod.core.pod.PodConfig;
import io.jpod.core.pod.PodService.PodView;
import io.jpod.core.state.ContainerRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shapes podman prints for pods: {@code pod ps} rows and {@code pod inspect} documents. */
public final class PodViews {
  private PodViews() {}

  /** podman pod ps --format json's object for one pod. */
  public static Map<String, Object> psJson(PodView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Cgroup", v.pod().config().cgroupParent());
    List<Map<String, Object>> ctrs = new ArrayList<>();
    for (ContainerRecord c : v.containers()) {
      ctrs.add(map("Id", c.config().id(), "Names", c.config().name(), "Status", c.state().status().cliName()));
    }
    m.put("Containers", ctrs);
    m.put("Created", goTime(v.pod().config().created()));
    m.put("Id", v.pod().id());
    m.put("InfraId", infraId(v));
    m.put("Name", v.pod().name());
    m.put("Namespace", "");
    m.put("Networks", v.pod().config().shares("net") ? List.of("podman") : List.of());
    m.put("Status", v.status());
    m.put("Labels", v.pod().config().labels());
    return m;
  }

  /** The fields a {@code pod ps --format} template sees (podman's ListPodReporter). */
  static Map<String, Object> psTemplateRow(PodView v, boolean noTrunc) {
    Map<String, Object> m = new LinkedHashMap<>(psJson(v));
    String infra = infraId(v);
    m.put("ID", noTrunc ? v.pod().id() : v.pod().config().shortId());
    m.put("InfraID", noTrunc || infra.length() < 12 ? infra : infra.substring(0, 12));
    m.put("Created", HumanTime.ago(v.pod().config().created()));
    m.put("NumberOfContainers", v.containers().size());
    m.put("ContainerNames", String.join(",", v.containers().stream().map(c -> c.config().name()).toList()));
    m.put("ContainerIds", String.join(",", v.containers().stream()
        .map(c -> noTrunc ? c.config().id() : c.config().shortId()).toList()));
    m.put("ContainerStatuses", String.join(",", v.containers().stream().map(c -> c.state().status().cliName()).toList()));
    m.put("Networks", String.join(",", v.pod().config().shares("net") ? List.of("podman") : List.of()));
    return m;
  }

  /** {@link #psTemplateRow} from a ListPodsReport document (remote mode). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> psTemplateRow(Map<String, Object> doc, boolean noTrunc) {
    Map<String, Object> m = new LinkedHashMap<>(doc);
    String id = String.valueOf(doc.get("Id"));
    String infra = doc.get("InfraId") == null ? "" : String.valueOf(doc.get("InfraId"));
    List<Map<String, Object>> ctrs = doc.get("Containers") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    m.put("ID", noTrunc ? id : id.substring(0, Math.min(12, id.length())));
    m.put("InfraID", noTrunc || infra.length() < 12 ? infra : infra.substring(0, 12));
    m.put("Created", HumanTime.ago(java.time.OffsetDateTime.parse(String.valueOf(doc.get("Created"))).toInstant()));
    m.put("NumberOfContainers", ctrs.size());
    m.put("ContainerNames", String.join(",", ctrs.stream().map(c -> String.valueOf(c.get("Names"))).toList()));
    m.put("ContainerIds", String.join(",", ctrs.stream().map(c -> String.valueOf(c.get("Id")))
        .map(c -> noTrunc ? c : c.substring(0, Math.min(12, c.length()))).toList()));
    m.put("ContainerStatuses", String.join(",", ctrs.stream().map(c -> String.valueOf(c.get("Status"))).toList()));
    m.put("Networks", doc.get("Networks") instanceof List<?> n ? String.join(",", n.stream().map(String::valueOf).toList()) : "");
    return m;
  }

  /** podman pod inspect's document. */
  public static Map<String, Object> inspect(PodView v) {
    PodConfig c = v.pod().config();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Id", c.id());
    m.put("Name", c.name());
    m.put("Created", goTime(c.created()));
    m.put("CreateCommand", c.createCommand().isEmpty() ? null : c.createCommand());
    m.put("ExitPolicy", c.exitPolicy());
    m.put("State", v.status());
    m.put("Hostname", c.hostname());
    if (!c.labels().isEmpty()) {
      m.put("Labels", c.labels());
    }
    m.put("CreateCgroup", true);
    m.put("CgroupParent", c.cgroupParent());
    m.put("CgroupPath", c.cgroupPath());
    m.put("CreateInfra", c.infra());
    if (c.infra()) {
      m.put("InfraContainerID", infraId(v));
      m.put("InfraConfig", infraConfig(v));
    }
    if (!c.sharedNamespaces().isEmpty()) {
      m.put("SharedNamespaces", c.sharedNamespaces()); // omitempty; templates see [] (RowType.INSPECT)
    }
    m.put("NumContainers", v.containers().size());
    List<Map<String, Object>> ctrs = new ArrayList<>();
    for (ContainerRecord r : v.containers()) {
      ctrs.add(map("Id", r.config().id(), "Name", r.config().name(), "State", r.state().status().cliName()));
    }
    m.put("Containers", ctrs);
    return m;
  }

  private static Map<String, Object> infraConfig(PodView v) {
    var infra = v.infra().map(ContainerRecord::config).orElse(null);
    var net = infra == null ? null : infra.network();
    Map<String, Object> ports = new LinkedHashMap<>();
    if (net != null) {
      for (var p : net.ports()) {
        ports.put(p.toString(), List.of());
      }
    }
    return map(
        "PortBindings", ports,
        "HostNetwork", net != null && net.isHost(),
        "StaticIP", "",
        "StaticMAC", "",
        "NoManageResolvConf", false,
        "DNSServer", net == null || net.dnsServers().isEmpty() ? null : net.dnsServers(),
        "DNSSearch", net == null || net.dnsSearch().isEmpty() ? null : net.dnsSearch(),
        "DNSOption", net == null || net.dnsOptions().isEmpty() ? null : net.dnsOptions(),
        "NoManageHosts", net != null && net.noHosts(),
        "HostAdd", net == null || net.addHosts().isEmpty() ? null : net.addHosts(),
        "Networks", net != null && net.mode().equals("bridge") ? List.of("podman") : null,
        "NetworkOptions", null,
        "pid_ns", "private",
        "userns", "host",
        "uts_ns", "private");
  }

  private static String infraId(PodView v) {
    String id = v.pod().state().infraContainerId();
    return id == null ? "" : id;
  }

  static String goTime(Instant t) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").format(t.atOffset(ZoneOffset.UTC));
  }

  /** An ordered map that keeps null values (printed as JSON null). */
  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
