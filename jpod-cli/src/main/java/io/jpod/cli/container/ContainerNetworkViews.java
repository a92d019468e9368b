package io.jpod.cli.container;

import io.jpod.core.container.ContainerConfig;
import io.jpod.core.network.NetworkAttachment;
import io.jpod.core.network.NetworkConfig;
import io.jpod.core.network.NetworkStatus;
import io.jpod.core.network.PortMapping;
import io.jpod.core.network.PortSpecs;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The networking parts of {@code inspect} and {@code ps}, shaped as podman 4.3.1 prints them. */
final class ContainerNetworkViews {
  private ContainerNetworkViews() {}

  /** HostConfig.NetworkMode: bridge, none, host, container:ID, ns:PATH. */
  static String networkMode(ContainerConfig c) {
    NetworkConfig n = c.network();
    return switch (n.mode()) {
      case "container", "ns" -> n.mode() + ":" + n.target();
      default -> n.mode();
    };
  }

  /** "80/tcp" → [{HostIp, HostPort}], one key per container port (ranges expanded), keys sorted as Go does. */
  static Map<String, Object> portBindings(ContainerConfig c) {
    Map<String, Object> m = new TreeMap<>();
    for (PortMapping p : c.network().ports()) {
      for (int i = 0; i < p.range(); i++) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("HostIp", p.hostIp());
        b.put("HostPort", String.valueOf(p.hostPort() + i));
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) m.computeIfAbsent((p.containerPort() + i) + "/" + p.protocol(), k -> new ArrayList<>());
        l.add(b);
      }
    }
    return m;
  }

  /** The NetworkSettings block of container inspect. */
  static Map<String, Object> settings(ContainerRecord rec, String defaultNetwork) {
    ContainerConfig c = rec.config();
    NetworkStatus st = rec.state().network();
    Map<String, Object> networks = new LinkedHashMap<>();
    Map<String, Object> legacy = endpoint(null, null);
    for (NetworkAttachment a : c.network().networks()) {
      NetworkStatus.Result r = st == null ? null : st.networks().get(a.network());
      Map<String, Object> e = endpoint(r, a.interfaceName());
      Map<String, Object> full = new LinkedHashMap<>(e);
      full.put("NetworkID", a.network());
      full.put("DriverOpts", null);
      full.put("IPAMConfig", null);
      full.put("Links", null);
      List<String> aliases = new ArrayList<>(a.aliases());
      aliases.add(c.id().substring(0, 12));
      full.put("Aliases", aliases);
      networks.put(a.network(), full);
      if (c.network().networks().size() == 1 && a.network().equals(defaultNetwork)) {
        legacy = e;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>(legacy);
    m.put("Bridge", "");
    m.put("SandboxID", "");
    m.put("HairpinMode", false);
    m.put("LinkLocalIPv6Address", "");
    m.put("LinkLocalIPv6PrefixLen", 0);
    m.put("Ports", portBindings(c));
    m.put("SandboxKey", st == null || st.netnsPath() == null || !c.networkMode().equals("bridge") ? "" : st.netnsPath());
    if (c.networkMode().equals("bridge")) {
      m.put("Networks", networks);
    }
    return m;
  }

  private static Map<String, Object> endpoint(NetworkStatus.Result r, String iface) {
    String ip = "";
    String gw = "";
    int prefix = 0;
    String mac = "";
    String ip6 = "";
    String gw6 = "";
    int prefix6 = 0;
    if (r != null) {
      NetworkStatus.Interface i = r.interfaces().get(iface);
      if (i == null && !r.interfaces().isEmpty()) {
        i = r.interfaces().values().iterator().next();
      }
      if (i != null) {
        mac = i.macAddress();
        // the first address of each family, as podman's inspect shows them
        for (NetworkStatus.Subnet s : i.subnets()) {
          String ipnet = s.ipnet();
          int slash = ipnet.indexOf('/');
          boolean v6 = ipnet.contains(":");
          if (v6 && ip6.isEmpty()) {
            ip6 = ipnet.substring(0, slash);
            prefix6 = Integer.parseInt(ipnet.substring(slash + 1));
            gw6 = s.gateway() == null ? "" : s.gateway();
          } else if (!v6 && ip.isEmpty()) {
            ip = ipnet.substring(0, slash);
            prefix = Integer.parseInt(ipnet.substring(slash + 1));
            gw = s.gateway() == null ? "" : s.gateway();
          }
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("EndpointID", "");
    m.put("Gateway", gw);
    m.put("IPAddress", ip);
    m.put("IPPrefixLen", prefix);
    m.put("IPv6Gateway", gw6);
    m.put("GlobalIPv6Address", ip6);
    m.put("GlobalIPv6PrefixLen", prefix6);
    m.put("MacAddress", mac);
    return m;
  }

  /** ps's PORTS column. */
  static String psPorts(ContainerConfig c) {
    return PortSpecs.psColumn(c.network().ports());
  }

  /** ps --format json's Ports: netavark's port mappings, or null. */
  static List<Object> psJsonPorts(ContainerConfig c) {
    if (c.network().ports().isEmpty()) {
      return null;
    }
    List<Object> l = new ArrayList<>();
    for (PortMapping p : c.network().ports()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("host_ip", p.hostIp());
      m.put("container_port", p.containerPort());
      m.put("host_port", p.hostPort());
      m.put("range", p.range());
      m.put("protocol", p.protocol());
      l.add(m);
    }
    return l;
  }

  /** ps's network names. */
  static List<String> networkNames(ContainerConfig c) {
    return c.network().networks().stream().map(NetworkAttachment::network).toList();
  }
}
