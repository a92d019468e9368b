package io.jpod.api.libpod;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerSpec;
import io.jpod.core.network.NetworkRequest;
import io.jpod.core.resources.ResourceRequest;
import io.jpod.core.security.SecurityRequest;
import io.jpod.core.volume.VolumeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * podman's SpecGenerator JSON (the body of {@code POST /libpod/containers/create}) and jpod's
 * {@link ContainerSpec}, both ways: the service reads what {@code podman --remote} sends, and jpod's
 * own remote client sends the same. The spec keeps flags as typed, so structured fields (port
 * mappings, mounts) become the flag syntax the local create path already parses.
 */
public final class SpecGeneratorJson {
  private SpecGeneratorJson() {}

  // ---- SpecGenerator -> ContainerSpec (the service) ----------------------------------------------

  public static ContainerSpec toSpec(JsonNode b) {
    if (b == null || !b.isObject()) {
      throw JpodException.invalid("decode(): EOF");
    }
    String image = str(b, "image");
    String rootfs = str(b, "rootfs");
    if (blank(image) && blank(rootfs)) {
      throw JpodException.invalid("must provide image or rootfs: invalid argument");
    }
    List<String> env = new ArrayList<>();
    if (b.path("env").isObject()) {
      b.path("env").properties().forEach(e -> env.add(e.getKey() + "=" + e.getValue().asText()));
    }
    List<String> volumes = new ArrayList<>();
    List<String> tmpfs = new ArrayList<>();
    for (JsonNode m : b.path("mounts")) {
      String type = m.path("type").asText("bind");
      List<String> opts = new ArrayList<>();
      m.path("options").forEach(o -> {
        if (!o.asText().equals("rbind")) {
          opts.add(o.asText());
        }
      });
      String dest = m.path("destination").asText();
      if (type.equals("tmpfs")) {
        tmpfs.add(dest + (opts.isEmpty() ? "" : ":" + String.join(",", opts)));
      } else {
        volumes.add(m.path("source").asText() + ":" + dest + (opts.isEmpty() ? "" : ":" + String.join(",", opts)));
      }
    }
    for (JsonNode v : b.path("volumes")) {
      List<String> opts = new ArrayList<>();
      v.path("Options").forEach(o -> opts.add(o.asText()));
      String name = v.path("Name").asText("");
      String dest = v.path("Dest").asText();
      volumes.add((name.isEmpty() ? "" : name + ":") + dest + (opts.isEmpty() ? "" : ":" + String.join(",", opts)));
    }
    List<String> volumesFrom = strs(b, "volumes_from");
    List<String> publish = new ArrayList<>();
    for (JsonNode p : b.path("portmappings")) {
      publish.add(publishFlag(p));
    }
    List<String> expose = new ArrayList<>();
    if (b.path("expose").isObject()) {
      b.path("expose").properties().forEach(e -> expose.add(e.getKey() + "/" + e.getValue().asText("tcp")));
    }
    List<String> aliases = new ArrayList<>();
    if (b.path("Networks").isObject()) {
      b.path("Networks").properties().forEach(e -> e.getValue().path("aliases").forEach(a -> aliases.add(a.asText())));
    }
    NetworkRequest net = new NetworkRequest(Optional.ofNullable(networkMode(b)), publish, b.path("publish_image_ports").asBoolean(),
        expose, Optional.empty(), Optional.empty(), aliases, strs(b, "dns_server"), strs(b, "dns_search"), strs(b, "dns_option"),
        strs(b, "hostadd"), false);
    Map<String, String> labels = strMap(b, "labels");
    List<String> devices = new ArrayList<>();
    b.path("devices").forEach(d -> devices.add(d.path("path").asText()));
    List<String> sysctls = new ArrayList<>();
    strMap(b, "sysctl").forEach((k, v) -> sysctls.add(k + "=" + v));
    SecurityRequest security = new SecurityRequest(b.path("privileged").asBoolean(), b.path("read_only_filesystem").asBoolean(),
        null, new ArrayList<>(), sysctls, strs(b, "groups"), devices, nsMode(b, "ipcns"), nsMode(b, "pidns"), nsMode(b, "utsns"));
    JsonNode rl = b.path("resource_limits");
    ResourceRequest resources = ResourceRequest.none();
    if (rl.isObject()) {
      JsonNode mem = rl.path("memory");
      JsonNode cpu = rl.path("cpu");
      resources = new ResourceRequest(numStr(mem, "limit"), numStr(mem, "reservation"), numStr(mem, "swap"),
          mem.has("swappiness") ? mem.path("swappiness").asLong() : null, mem.has("disableOOMKiller") ? mem.path("disableOOMKiller").asBoolean() : null,
          null, null, cpu.has("shares") ? cpu.path("shares").asLong() : null, cpu.has("period") ? cpu.path("period").asLong() : null,
          cpu.has("quota") ? cpu.path("quota").asLong() : null, textOrNull(cpu, "cpus"), textOrNull(cpu, "mems"), null,
          List.of(), List.of(), null);
    }
    List<String> ulimits = new ArrayList<>();
    b.path("r_limits").forEach(r -> ulimits.add(r.path("type").asText().toLowerCase(java.util.Locale.ROOT).replace("rlimit_", "")
        + "=" + r.path("soft").asLong() + ":" + r.path("hard").asLong()));
    JsonNode entrypoint = b.get("entrypoint");
    return ContainerSpec.builder()
        .image(blank(image) ? null : image)
        .rootfs(blank(rootfs) ? null : rootfs)
        .name(blank(str(b, "name")) ? null : str(b, "name"))
        .command(strs(b, "command"))
        .entrypoint(entrypoint == null || entrypoint.isNull() ? null : strs(b, "entrypoint"))
        .env(env)
        .workingDir(blank(str(b, "work_dir")) ? null : str(b, "work_dir"))
        .user(blank(str(b, "user")) ? null : str(b, "user"))
        .hostname(blank(str(b, "hostname")) ? null : str(b, "hostname"))
        .tty(b.path("terminal").asBoolean())
        .stdin(b.path("stdin").asBoolean())
        .init(b.path("init").asBoolean())
        .autoRemove(b.path("remove").asBoolean())
        .labels(labels)
        .annotations(strMap(b, "annotations"))
        .stopSignal(b.hasNonNull("stop_signal") && b.path("stop_signal").asInt() > 0 ? String.valueOf(b.path("stop_signal").asInt()) : null)
        .stopTimeout(b.hasNonNull("stop_timeout") ? b.path("stop_timeout").asInt() : null)
        .ulimits(ulimits)
        .network(net)
        .volumes(new VolumeRequest(volumes, List.of(), tmpfs, volumesFrom))
        .pod(blank(str(b, "pod")) ? null : str(b, "pod"))
        .logDriver(blank(b.path("log_configuration").path("driver").asText("")) ? null : b.path("log_configuration").path("driver").asText())
        .capAdd(strs(b, "cap_add"))
        .capDrop(strs(b, "cap_drop"))
        .pidsLimit(rl.path("pids").has("limit") ? rl.path("pids").path("limit").asLong() : null)
        .resources(resources)
        .security(security)
        .createCommand(strs(b, "containerCreateCommand"))
        .build();
  }

  /** A port mapping as the {@code -p} flag: [ip:][hostPort[-end]]:containerPort[-end]/protocol. */
  static String publishFlag(JsonNode p) {
    int range = Math.max(1, p.path("range").asInt(1));
    int cp = p.path("container_port").asInt();
    int hp = p.path("host_port").asInt();
    String ip = p.path("host_ip").asText("");
    String ctr = range > 1 ? cp + "-" + (cp + range - 1) : String.valueOf(cp);
    String host = hp == 0 ? "" : range > 1 ? hp + "-" + (hp + range - 1) : String.valueOf(hp);
    String proto = p.path("protocol").asText("tcp");
    String head = ip.isEmpty() ? (host.isEmpty() ? "" : host + ":") : ip + ":" + host + ":";
    return head + ctr + (proto.isEmpty() || proto.equals("tcp") ? "" : "/" + proto);
  }

  private static String networkMode(JsonNode b) {
    JsonNode ns = b.path("netns");
    String mode = ns.path("nsmode").asText("");
    String value = ns.path("value").asText("");
    List<String> nets = new ArrayList<>();
    if (b.path("Networks").isObject()) {
      b.path("Networks").properties().forEach(e -> nets.add(e.getKey()));
    }
    return switch (mode) {
      case "host", "none", "private" -> mode;
      case "container" -> "container:" + value;
      case "path" -> "ns:" + value;
      case "slirp4netns" -> "slirp4netns";
      default -> nets.isEmpty() ? null : String.join(",", nets);
    };
  }

  private static String nsMode(JsonNode b, String field) {
    JsonNode ns = b.path(field);
    String mode = ns.path("nsmode").asText("");
    return switch (mode) {
      case "host" -> "host";
      case "container" -> "container:" + ns.path("value").asText();
      case "path" -> "ns:" + ns.path("value").asText();
      default -> null;
    };
  }

  // ---- ContainerSpec -> SpecGenerator (jpod's remote client) ------------------------------------

  public static Map<String, Object> fromSpec(ContainerSpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    s.name().ifPresent(v -> m.put("name", v));
    s.image().ifPresent(v -> m.put("image", v));
    s.rootfs().ifPresent(v -> m.put("rootfs", v));
    if (!s.command().isEmpty()) {
      m.put("command", s.command());
    }
    s.entrypoint().ifPresent(v -> m.put("entrypoint", v));
    Map<String, String> env = new LinkedHashMap<>();
    for (String e : s.env()) {
      int eq = e.indexOf('=');
      env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    if (!env.isEmpty()) {
      m.put("env", env);
    }
    s.workingDir().ifPresent(v -> m.put("work_dir", v));
    s.user().ifPresent(v -> m.put("user", v));
    s.hostname().ifPresent(v -> m.put("hostname", v));
    m.put("terminal", s.tty());
    m.put("stdin", s.stdin());
    m.put("init", s.init());
    m.put("remove", s.autoRemove());
    if (!s.labels().isEmpty()) {
      m.put("labels", s.labels());
    }
    if (!s.annotations().isEmpty()) {
      m.put("annotations", s.annotations());
    }
    s.stopTimeout().ifPresent(v -> m.put("stop_timeout", v));
    s.logDriver().ifPresent(v -> m.put("log_configuration", Map.of("driver", v)));
    if (!s.capAdd().isEmpty()) {
      m.put("cap_add", s.capAdd());
    }
    if (!s.capDrop().isEmpty()) {
      m.put("cap_drop", s.capDrop());
    }
    s.pod().ifPresent(v -> m.put("pod", v));
    NetworkRequest n = s.network();
    n.network().ifPresent(v -> {
      switch (v) {
        case "host", "none", "private", "slirp4netns" -> m.put("netns", Map.of("nsmode", v));
        default -> {
          if (v.startsWith("container:")) {
            m.put("netns", Map.of("nsmode", "container", "value", v.substring(10)));
          } else {
            m.put("netns", Map.of("nsmode", "bridge"));
            Map<String, Object> nets = new LinkedHashMap<>();
            for (String name : v.split(",")) {
              nets.put(name, n.aliases().isEmpty() ? Map.of() : Map.of("aliases", n.aliases()));
            }
            m.put("Networks", nets);
          }
        }
      }
    });
    List<Map<String, Object>> ports = new ArrayList<>();
    for (String p : n.publish()) {
      ports.add(portMapping(p));
    }
    if (!ports.isEmpty()) {
      m.put("portmappings", ports);
    }
    if (n.publishAll()) {
      m.put("publish_image_ports", true);
    }
    if (!n.dns().isEmpty()) {
      m.put("dns_server", n.dns());
    }
    if (!n.addHosts().isEmpty()) {
      m.put("hostadd", n.addHosts());
    }
    List<Map<String, Object>> mounts = new ArrayList<>();
    List<Map<String, Object>> named = new ArrayList<>();
    for (String v : s.volumes().volumes()) {
      String[] parts = v.split(":", 3);
      List<String> opts = parts.length > 2 ? List.of(parts[2].split(",")) : List.of();
      if (parts.length == 1) {
        named.add(Map.of("Name", "", "Dest", parts[0], "Options", List.of()));
      } else if (parts[0].startsWith("/") || parts[0].startsWith(".")) {
        List<String> o = new ArrayList<>(opts);
        o.add("rbind");
        mounts.add(Map.of("destination", parts[1], "type", "bind", "source", parts[0], "options", o));
      } else {
        named.add(Map.of("Name", parts[0], "Dest", parts[1], "Options", opts));
      }
    }
    for (String t : s.volumes().tmpfs()) {
      String[] parts = t.split(":", 2);
      mounts.add(Map.of("destination", parts[0], "type", "tmpfs", "source", "tmpfs",
          "options", parts.length > 1 ? List.of(parts[1].split(",")) : List.of()));
    }
    if (!mounts.isEmpty()) {
      m.put("mounts", mounts);
    }
    if (!named.isEmpty()) {
      m.put("volumes", named);
    }
    if (!s.volumes().volumesFrom().isEmpty()) {
      m.put("volumes_from", s.volumes().volumesFrom());
    }
    if (s.security().privileged()) {
      m.put("privileged", true);
    }
    if (s.security().readOnly()) {
      m.put("read_only_filesystem", true);
    }
    s.pidsLimit().ifPresent(v -> m.put("resource_limits", Map.of("pids", Map.of("limit", v))));
    if (!s.createCommand().isEmpty()) {
      m.put("containerCreateCommand", s.createCommand());
    }
    return m;
  }

  /** The {@code -p} syntax back to podman's PortMapping (single ports and ranges, optional ip and protocol). */
  static Map<String, Object> portMapping(String flag) {
    String proto = "tcp";
    String f = flag;
    int slash = f.lastIndexOf('/');
    if (slash > 0) {
      proto = f.substring(slash + 1);
      f = f.substring(0, slash);
    }
    String ip = "";
    String host = "";
    String ctr;
    int last = f.lastIndexOf(':');
    if (last < 0) {
      ctr = f;
    } else {
      ctr = f.substring(last + 1);
      String rest = f.substring(0, last);
      int ipSep = rest.lastIndexOf(':');
      if (ipSep >= 0) {
        ip = rest.substring(0, ipSep).replace("[", "").replace("]", "");
        host = rest.substring(ipSep + 1);
      } else {
        host = rest;
      }
    }
    int[] c = range(ctr, flag);
    int[] h = host.isEmpty() ? new int[] {0, 0} : range(host, flag);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host_ip", ip);
    m.put("container_port", c[0]);
    m.put("host_port", h[0]);
    m.put("range", c[1] - c[0] + 1);
    m.put("protocol", proto);
    return m;
  }

  private static int[] range(String s, String flag) {
    try {
      int dash = s.indexOf('-');
      if (dash < 0) {
        int v = Integer.parseInt(s);
        return new int[] {v, v};
      }
      return new int[] {Integer.parseInt(s.substring(0, dash)), Integer.parseInt(s.substring(dash + 1))};
    } catch (NumberFormatException e) {
      throw JpodException.invalid("invalid port format: " + flag);
    }
  }

  // ---- JSON helpers -----------------------------------------------------------------------------

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  private static String str(JsonNode b, String f) {
    JsonNode n = b.get(f);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static String textOrNull(JsonNode b, String f) {
    JsonNode n = b.get(f);
    return n == null || n.isNull() || n.asText().isEmpty() ? null : n.asText();
  }

  private static String numStr(JsonNode b, String f) {
    JsonNode n = b.get(f);
    return n == null || n.isNull() ? null : String.valueOf(n.asLong());
  }

  private static List<String> strs(JsonNode b, String f) {
    List<String> out = new ArrayList<>();
    JsonNode n = b.get(f);
    if (n != null && n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  private static Map<String, String> strMap(JsonNode b, String f) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode n = b.get(f);
    if (n != null && n.isObject()) {
      n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }
}
