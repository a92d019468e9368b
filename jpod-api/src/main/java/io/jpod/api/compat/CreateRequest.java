package io.jpod.api.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerSpec;
import io.jpod.core.network.NetworkRequest;
import io.jpod.core.volume.VolumeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Docker's container create body (Config, HostConfig, NetworkingConfig) translated into the same
 * {@link ContainerSpec} the CLI's flags become; ports, binds, mounts and tmpfs become the CLI's
 * flag strings so one parser validates both.
 */
final class CreateRequest {
  private CreateRequest() {}

  static ContainerSpec toSpec(JsonNode body, String name) {
    if (body == null || !body.isObject()) {
      throw JpodException.invalid("config cannot be empty in order to create a container");
    }
    String image = Body.str(body, "Image");
    if (image == null || image.isBlank()) {
      throw JpodException.invalid("no image specified: config cannot be empty in order to create a container");
    }
    JsonNode host = Body.obj(body, "HostConfig");
    ContainerSpec.Builder b = ContainerSpec.builder().image(image).name(name == null || name.isEmpty() ? null : name);
    List<String> cmd = Body.strs(body, "Cmd");
    b.command(cmd == null ? List.of() : cmd);
    List<String> ep = Body.strs(body, "Entrypoint");
    if (ep != null && !ep.isEmpty()) {
      b.entrypoint(ep.size() == 1 && ep.getFirst().isEmpty() ? List.of() : ep);
    }
    List<String> env = Body.strList(body, "Env");
    b.env(env == null ? List.of() : env);
    b.workingDir(blankToNull(Body.str(body, "WorkingDir")));
    b.user(blankToNull(Body.str(body, "User")));
    b.hostname(blankToNull(Body.str(body, "Hostname")));
    b.labels(Body.strMap(body, "Labels"));
    b.tty(Body.bool(body, "Tty"));
    b.stdin(Body.bool(body, "OpenStdin"));
    b.stopSignal(blankToNull(Body.str(body, "StopSignal")));
    Long stopTimeout = Body.num(body, "StopTimeout");
    if (stopTimeout != null) {
      b.stopTimeout(stopTimeout.intValue());
    }
    b.autoRemove(Body.bool(host, "AutoRemove"));
    b.init(Body.bool(host, "Init"));
    b.capAdd(orEmpty(Body.strs(host, "CapAdd")));
    b.capDrop(orEmpty(Body.strs(host, "CapDrop")));
    Long pids = Body.num(host, "PidsLimit");
    if (pids != null && pids > 0) {
      b.pidsLimit(pids);
    }
    b.ulimits(ulimits(host));
    JsonNode logConfig = Body.obj(host, "LogConfig");
    String logType = Body.str(logConfig, "Type");
    if (logType != null && java.util.List.of("none", "json-file", "k8s-file").contains(logType)) {
      // other drivers (journald, syslog...) are left to the default, as a daemon without them would
      b.logDriver(logType);
    }
    java.util.List<String> logOpts = new java.util.ArrayList<>();
    JsonNode logOptions = Body.obj(logConfig, "Config");
    if (logOptions != null) {
      logOptions.properties().forEach(e -> logOpts.add(e.getKey() + "=" + e.getValue().asText()));
    }
    b.logOptions(logOpts);
    b.network(network(body, host));
    b.volumes(volumes(body, host));
    b.resources(resources(host));
    b.security(security(host));
    b.supervision(supervision(body, host));
    return b.build();
  }

  /** HostConfig.RestartPolicy and Config.Healthcheck (durations in ns; 0 keeps podman's default). */
  private static io.jpod.core.supervision.SupervisionRequest supervision(JsonNode body, JsonNode host) {
    JsonNode rp = Body.obj(host, "RestartPolicy");
    String restart = blankToNull(Body.str(rp, "Name"));
    Long retries = Body.num(rp, "MaximumRetryCount");
    if (restart != null && retries != null && retries != 0) {
      restart = restart + ":" + retries;
    }
    JsonNode hc = Body.obj(body, "Healthcheck");
    List<String> test = Body.strList(hc, "Test");
    if (test == null || test.isEmpty()) {
      return new io.jpod.core.supervision.SupervisionRequest(restart, null, null, null, null, null, null, false);
    }
    if (test.getFirst().equals("NONE")) {
      return new io.jpod.core.supervision.SupervisionRequest(restart, null, null, null, null, null, null, true);
    }
    // the exec form goes over as a JSON array without its CMD word, which the parser turns back into it
    List<String> words = test.getFirst().equals("CMD") ? test.subList(1, test.size()) : test;
    String cmd;
    try {
      cmd = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(words);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw JpodException.invalid("invalid Healthcheck.Test: " + e.getMessage());
    }
    Long hcRetries = Body.num(hc, "Retries");
    return new io.jpod.core.supervision.SupervisionRequest(restart, cmd, nanos(Body.num(hc, "Interval")),
        hcRetries == null || hcRetries == 0 ? null : hcRetries, nanos(Body.num(hc, "Timeout")),
        nanos(Body.num(hc, "StartPeriod")), null, false);
  }

  private static String nanos(Long ns) {
    return ns == null || ns == 0 ? null : ns + "ns";
  }

  /** HostConfig's limits in the CLI's terms; Docker's 0 (and -1 for swappiness) means "not set". */
  static io.jpod.core.resources.ResourceRequest resources(JsonNode host) {
    Long nanoCpus = positive(Body.num(host, "NanoCpus"));
    Long swap = Body.num(host, "MemorySwap");
    Long swappiness = Body.num(host, "MemorySwappiness");
    Long oomScoreAdj = Body.num(host, "OomScoreAdj");
    Long blkioWeight = positive(Body.num(host, "BlkioWeight"));
    return new io.jpod.core.resources.ResourceRequest(
        bytes(Body.num(host, "Memory")),
        bytes(Body.num(host, "MemoryReservation")),
        swap == null || swap == 0 ? null : Long.toString(swap),
        swappiness == null || swappiness < 0 ? null : swappiness,
        Body.bool(host, "OomKillDisable") ? Boolean.TRUE : null,
        oomScoreAdj == null || oomScoreAdj == 0 ? null : oomScoreAdj.intValue(),
        nanoCpus == null ? null : new java.math.BigDecimal(nanoCpus).movePointLeft(9).stripTrailingZeros().toPlainString(),
        positive(Body.num(host, "CpuShares")),
        positive(Body.num(host, "CpuPeriod")),
        positive(Body.num(host, "CpuQuota")),
        blankToNull(Body.str(host, "CpusetCpus")),
        blankToNull(Body.str(host, "CpusetMems")),
        blkioWeight == null ? null : blkioWeight.intValue(),
        throttles(host, "BlkioDeviceReadBps"),
        throttles(host, "BlkioDeviceWriteBps"),
        bytes(Body.num(host, "ShmSize")));
  }

  private static io.jpod.core.security.SecurityRequest security(JsonNode host) {
    List<String> sysctls = new ArrayList<>();
    Body.strMap(host, "Sysctls").forEach((k, v) -> sysctls.add(k + "=" + v));
    List<String> devices = new ArrayList<>();
    JsonNode devs = host == null ? null : host.get("Devices");
    for (JsonNode d : Body.objects(devs, "HostConfig.Devices")) {
      String onHost = Body.str(d, "PathOnHost");
      if (onHost == null || onHost.isEmpty()) {
        continue;
      }
      String inCtr = blankToNull(Body.str(d, "PathInContainer"));
      String perms = blankToNull(Body.str(d, "CgroupPermissions"));
      devices.add(onHost + ":" + (inCtr == null ? onHost : inCtr) + (perms == null ? "" : ":" + perms));
    }
    return new io.jpod.core.security.SecurityRequest(
        Body.bool(host, "Privileged"),
        Body.bool(host, "ReadonlyRootfs"),
        null,
        orEmpty(Body.strList(host, "SecurityOpt")),
        sysctls,
        orEmpty(Body.strList(host, "GroupAdd")),
        devices,
        blankToNull(Body.str(host, "IpcMode")),
        blankToNull(Body.str(host, "PidMode")),
        blankToNull(Body.str(host, "UTSMode")));
  }

  /** Docker's [{"Path": "/dev/sda", "Rate": 1048576}] as the CLI's "/dev/sda:1048576". */
  private static List<String> throttles(JsonNode host, String field) {
    List<String> out = new ArrayList<>();
    JsonNode list = host == null ? null : host.get(field);
    for (JsonNode t : Body.objects(list, "HostConfig." + field)) {
      Long rate = Body.num(t, "Rate");
      String path = Body.str(t, "Path");
      if (path != null && rate != null) {
        out.add(path + ":" + rate);
      }
    }
    return out;
  }

  private static Long positive(Long v) {
    return v == null || v <= 0 ? null : v;
  }

  private static String bytes(Long v) {
    return v == null || v <= 0 ? null : Long.toString(v);
  }

  private static NetworkRequest network(JsonNode body, JsonNode host) {
    String mode = Body.str(host, "NetworkMode");
    if (mode == null || mode.isEmpty() || mode.equals("default")) {
      mode = null;
    }
    List<String> publish = new ArrayList<>();
    JsonNode bindings = Body.obj(host, "PortBindings");
    if (bindings != null) {
      for (var e : bindings.properties()) {
        String port = e.getKey();
        JsonNode list = e.getValue();
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
          publish.add(port);
          continue;
        }
        for (JsonNode pb : Body.objects(list, "HostConfig.PortBindings." + port)) {
          String ip = Optional.ofNullable(Body.str(pb, "HostIp")).orElse("");
          String hp = Optional.ofNullable(Body.str(pb, "HostPort")).orElse("");
          if (hp.equals("0")) {
            hp = "";
          }
          publish.add(ip.isEmpty() && hp.isEmpty() ? port : (ip.contains(":") ? "[" + ip + "]" : ip) + (ip.isEmpty() ? "" : ":") + hp + ":" + port);
        }
      }
    }
    List<String> expose = new ArrayList<>();
    JsonNode exposed = Body.obj(body, "ExposedPorts");
    if (exposed != null) {
      exposed.fieldNames().forEachRemaining(expose::add);
    }
    List<String> hosts = new ArrayList<>();
    for (String h : orEmpty(Body.strList(host, "ExtraHosts"))) {
      hosts.add(h);
    }
    Endpoints ep = endpoints(body, mode);
    return new NetworkRequest(Optional.ofNullable(ep.network()), publish, Body.bool(host, "PublishAllPorts"), expose,
        Optional.ofNullable(ep.ip()), Optional.ofNullable(blankToNull(Body.str(body, "MacAddress"))), ep.aliases(),
        orEmpty(Body.strList(host, "Dns")), orEmpty(Body.strList(host, "DnsSearch")), orEmpty(Body.strList(host, "DnsOptions")),
        hosts, false);
  }

  /** The networks, static address and aliases of {@code NetworkingConfig.EndpointsConfig}. */
  record Endpoints(String network, String ip, List<String> aliases) {}

  static Endpoints endpoints(JsonNode body, String mode) {
    JsonNode eps = Body.obj(Body.obj(body, "NetworkingConfig"), "EndpointsConfig");
    boolean defaultMode = mode == null || mode.equals("bridge");
    boolean namedMode = !defaultMode && !mode.equals("host") && !mode.equals("none") && !mode.contains(":")
        && !mode.equals("private");
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    if (namedMode) {
      names.add(mode);
    }
    String ip = null;
    java.util.LinkedHashSet<String> aliases = new java.util.LinkedHashSet<>();
    if (eps != null) {
      for (var e : eps.properties()) {
        String net = e.getKey();
        boolean isDefault = net.equals("default") || net.equals("bridge");
        if (!isDefault && (defaultMode || namedMode)) {
          names.add(net);
        }
        JsonNode cfg = e.getValue();
        if (cfg == null || cfg.isNull()) {
          continue;
        }
        if (!cfg.isObject()) {
          throw Body.wrong("NetworkingConfig.EndpointsConfig." + net, "an object", cfg);
        }
        String want = blankToNull(Body.str(Body.obj(cfg, "IPAMConfig"), "IPv4Address"));
        if (want != null && ip == null) {
          ip = want;
        }
        aliases.addAll(orEmpty(Body.strList(cfg, "Aliases")));
      }
    }
    String network = names.isEmpty() ? mode : String.join(",", names);
    return new Endpoints(network, ip, new ArrayList<>(aliases));
  }

  private static VolumeRequest volumes(JsonNode body, JsonNode host) {
    List<String> vols = new ArrayList<>(orEmpty(Body.strList(host, "Binds")));
    JsonNode anon = Body.obj(body, "Volumes");
    if (anon != null) {
      anon.fieldNames().forEachRemaining(vols::add);
    }
    List<String> mounts = new ArrayList<>();
    JsonNode ms = host == null ? null : host.get("Mounts");
    for (JsonNode m : Body.objects(ms, "HostConfig.Mounts")) {
      mounts.add(mount(m));
    }
    List<String> tmpfs = new ArrayList<>();
    Body.strMap(host, "Tmpfs").forEach((dest, opts) -> tmpfs.add(opts.isEmpty() ? dest : dest + ":" + opts));
    return new VolumeRequest(vols, mounts, tmpfs, orEmpty(Body.strList(host, "VolumesFrom")));
  }

  private static String mount(JsonNode m) {
    String type = Optional.ofNullable(Body.str(m, "Type")).orElse("volume");
    StringBuilder sb = new StringBuilder("type=").append(type);
    String src = Body.str(m, "Source");
    if (src != null && !src.isEmpty()) {
      sb.append(",source=").append(src);
    }
    String target = Body.str(m, "Target");
    if (target == null || target.isEmpty()) {
      throw JpodException.invalid("invalid mount config: Target must not be empty");
    }
    sb.append(",destination=").append(target);
    if (Body.bool(m, "ReadOnly")) {
      sb.append(",ro=true");
    }
    JsonNode bind = Body.obj(m, "BindOptions");
    String prop = Body.str(bind, "Propagation");
    if (prop != null && !prop.isEmpty()) {
      sb.append(",bind-propagation=").append(prop);
    }
    JsonNode tmpfs = Body.obj(m, "TmpfsOptions");
    Long size = Body.num(tmpfs, "SizeBytes");
    if (size != null && size > 0) {
      sb.append(",tmpfs-size=").append(size);
    }
    Long mode = Body.num(tmpfs, "Mode");
    if (mode != null && mode > 0) {
      sb.append(",tmpfs-mode=").append(Long.toOctalString(mode));
    }
    return sb.toString();
  }

  private static List<String> ulimits(JsonNode host) {
    JsonNode u = host == null ? null : host.get("Ulimits");
    List<String> out = new ArrayList<>();
    for (JsonNode x : Body.objects(u, "HostConfig.Ulimits")) {
      String n = Body.str(x, "Name");
      Long soft = Body.num(x, "Soft");
      Long hard = Body.num(x, "Hard");
      if (n == null || soft == null) {
        throw JpodException.invalid("invalid ulimit: Name and Soft are required");
      }
      out.add(n + "=" + soft + (hard == null ? "" : ":" + hard));
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static List<String> orEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }
}
