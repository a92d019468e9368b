package io.jpod.core.network.backend.cni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.GoJson;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.core.network.Cidr;
import io.jpod.core.network.Cidr6;
import io.jpod.core.network.Network;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Network definitions as the CNI conflists podman's CNI backend writes ({@code <dir>/<name>.conflist},
 * cniVersion 0.4.0): bridge + portmap + firewall + tuning (+ dnsname when installed), or one macvlan
 * plugin; labels and options under {@code args}. Read back into the same {@link Network} podman's
 * {@code network inspect} shows for either backend.
 */
public final class CniConfList {
  static final String CNI_VERSION = "0.4.0";

  private CniConfList() {}

  /** podman's CNI network id: the sha256 of the name. */
  public static String idFor(String name) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The conflist for {@code n}, as Go marshals podman's map (keys sorted: args, cniVersion, name,
   * plugins) with three-space indent and no final newline.
   */
  public static String render(Network n, boolean withDnsname) {
    return GoJson.marshalIndent(toMap(n, withDnsname), "", "   ");
  }

  static Map<String, Object> toMap(Network n, boolean withDnsname) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> args = new LinkedHashMap<>();
    if (!n.labels().isEmpty()) {
      args.put("podman_labels", new TreeMap<>(n.labels()));
    }
    if (!n.options().isEmpty()) {
      args.put("podman_options", new TreeMap<>(n.options()));
    }
    if (!args.isEmpty()) {
      root.put("args", args);
    }
    root.put("cniVersion", CNI_VERSION);
    root.put("name", n.name());
    List<Object> plugins = new ArrayList<>();
    int mtu = intOption(n, "mtu");
    if (n.isBridge()) {
      Map<String, Object> br = new LinkedHashMap<>();
      br.put("type", "bridge");
      br.put("bridge", n.networkInterface());
      br.put("isGateway", !n.internal());
      if (!n.internal()) {
        br.put("ipMasq", true);
      }
      if (mtu > 0) {
        br.put("mtu", mtu);
      }
      br.put("hairpinMode", true);
      int vlan = intOption(n, "vlan");
      if (vlan > 0) {
        br.put("vlan", vlan);
      }
      br.put("ipam", ipam(n));
      br.put("capabilities", Map.of("ips", true));
      plugins.add(br);
      Map<String, Object> portmap = new LinkedHashMap<>();
      portmap.put("type", "portmap");
      portmap.put("capabilities", Map.of("portMappings", true));
      plugins.add(portmap);
      Map<String, Object> fw = new LinkedHashMap<>();
      fw.put("type", "firewall");
      fw.put("backend", "");
      plugins.add(fw);
      plugins.add(Map.of("type", "tuning"));
      if (withDnsname) {
        Map<String, Object> dns = new LinkedHashMap<>();
        dns.put("type", "dnsname");
        dns.put("domainName", "dns.podman");
        dns.put("capabilities", Map.of("aliases", true));
        plugins.add(dns);
      }
    } else {
      Map<String, Object> vl = new LinkedHashMap<>();
      vl.put("type", n.driver());
      vl.put("master", n.networkInterface());
      vl.put("ipam", ipam(n));
      if (mtu > 0) {
        vl.put("mtu", mtu);
      }
      String mode = n.options().get("mode");
      if (mode != null && !mode.isEmpty()) {
        vl.put("mode", mode);
      }
      if (n.driver().equals("ipvlan") && !n.subnets().isEmpty()) {
        vl.put("capabilities", Map.of("ips", true));
      }
      plugins.add(vl);
    }
    root.put("plugins", plugins);
    return root;
  }

  private static Map<String, Object> ipam(Network n) {
    Map<String, Object> ipam = new LinkedHashMap<>();
    if (n.subnets().isEmpty()) {
      ipam.put("type", "dhcp");
      return ipam;
    }
    ipam.put("type", "host-local");
    if (!n.internal()) {
      // a default route per address family, in subnet order
      List<Object> routes = new ArrayList<>();
      for (String dst : n.subnets().stream().map(s -> s.isV6() ? "::/0" : "0.0.0.0/0").distinct().toList()) {
        routes.add(Map.of("dst", dst));
      }
      ipam.put("routes", routes);
    }
    List<Object> ranges = new ArrayList<>();
    for (Network.Subnet s : n.subnets()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("subnet", s.subnet());
      if (s.leaseStart() != null) {
        r.put("rangeStart", s.leaseStart());
      }
      if (s.leaseEnd() != null) {
        r.put("rangeEnd", s.leaseEnd());
      }
      if (s.gateway() != null) {
        r.put("gateway", s.gateway());
      }
      ranges.add(List.of(r));
    }
    ipam.put("ranges", ranges);
    return ipam;
  }

  private static int intOption(Network n, String key) {
    String v = n.options().get(key);
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw JpodException.invalid("invalid " + key + " option \"" + v + "\" for network " + n.name());
    }
  }

  /**
   * The network a conflist describes, as podman reads it: driver from the first plugin, internal when
   * the bridge is no gateway, DNS when a dnsname plugin is listed, {@code created} from the file.
   * Returns null for a list podman would skip (no valid name, an IPAM it cannot show).
   */
  public static Network parse(String json, String created) {
    JsonNode t;
    try {
      t = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      return null;
    }
    String name = t.path("name").asText("");
    JsonNode plugins = t.path("plugins");
    if (!io.jpod.core.naming.Ids.validName(name) || !plugins.isArray() || plugins.isEmpty()) {
      return null;
    }
    Map<String, String> labels = strings(t.path("args").path("podman_labels"));
    Map<String, String> options = strings(t.path("args").path("podman_options"));
    JsonNode first = plugins.get(0);
    String driver = first.path("type").asText("");
    String iface = "";
    boolean internal = false;
    List<Network.Subnet> subnets = new ArrayList<>();
    String ipamDriver = "host-local";
    if (driver.equals("bridge") || driver.equals("macvlan") || driver.equals("ipvlan")) {
      boolean bridge = driver.equals("bridge");
      iface = first.path(bridge ? "bridge" : "master").asText("");
      internal = bridge && !first.path("isGateway").asBoolean(false);
      if (first.path("mtu").asInt(0) != 0) {
        options.put("mtu", String.valueOf(first.path("mtu").asInt()));
      }
      if (bridge && first.path("vlan").asInt(0) != 0) {
        options.put("vlan", String.valueOf(first.path("vlan").asInt()));
      }
      if (!bridge && !first.path("mode").asText("").isEmpty()) {
        options.put("mode", first.path("mode").asText());
      }
      JsonNode ipam = first.path("ipam");
      ipamDriver = ipam.path("type").asText("");
      if (ipamDriver.equals("host-local")) {
        for (JsonNode set : ipam.path("ranges")) {
          for (JsonNode r : set) {
            String raw = r.path("subnet").asText("");
            String cidr;
            String firstHost;
            try {
              if (raw.contains(":")) {
                Cidr6 c6 = Cidr6.parse(raw);
                cidr = c6.toString();
                firstHost = Cidr6.format(c6.host(1));
              } else {
                Cidr c = Cidr.parse(raw);
                cidr = c.toString();
                firstHost = Cidr.format(c.host(1));
              }
            } catch (JpodException e) {
              return null;
            }
            String gw = r.path("gateway").asText("");
            if (gw.isEmpty()) {
              gw = internal ? null : firstHost;
            }
            subnets.add(new Network.Subnet(cidr, gw, text(r, "rangeStart"), text(r, "rangeEnd")));
          }
        }
      } else if (!ipamDriver.equals("dhcp")) {
        return null;
      }
    }
    boolean dns = false;
    for (JsonNode p : plugins) {
      dns |= p.path("type").asText("").equals("dnsname");
    }
    boolean v6 = subnets.stream().anyMatch(Network.Subnet::isV6);
    return new Network(name, idFor(name), driver, iface, created, subnets, v6, internal, dns, labels, options, ipamDriver);
  }

  private static String text(JsonNode n, String field) {
    String v = n.path(field).asText("");
    return v.isEmpty() ? null : v;
  }

  private static Map<String, String> strings(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> {
      if (e.getValue().isTextual()) {
        m.put(e.getKey(), e.getValue().asText());
      }
    });
    return m;
  }
}
