package io.jpod.cli.network;

import io.jpod.core.network.Network;
import io.jpod.core.network.NetworkJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The template data of networks: podman's {@code types.Network} field names. */
public final class NetworkViews {
  private NetworkViews() {}

  /** The stored RFC 3339 time as a time value, which templates print as Go does; as stored if unreadable. */
  private static Object goTime(String created) {
    try {
      return java.time.OffsetDateTime.parse(created).toInstant();
    } catch (RuntimeException e) {
      return created;
    }
  }

  static Map<String, Object> row(Network n, boolean noTrunc) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", n.name());
    m.put("ID", noTrunc ? n.id() : n.id().substring(0, Math.min(12, n.id().length())));
    m.put("Driver", n.driver());
    m.put("NetworkInterface", n.networkInterface());
    m.put("Created", goTime(n.created()));
    m.put("Subnets", n.subnets().stream().map(s -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("Subnet", s.subnet());
      x.put("Gateway", s.gateway());
      return x;
    }).toList());
    m.put("IPv6Enabled", n.ipv6Enabled());
    m.put("Internal", n.internal());
    m.put("DNSEnabled", n.dnsEnabled());
    m.put("Labels", labels(n.labels()));
    m.put("Options", n.options());
    m.put("IPAMOptions", Map.of("driver", n.ipamDriver()));
    return m;
  }

  /** Go prints a map as map[k:v k2:v2]; podman's ls shows labels as k=v,k2=v2. */
  private static String labels(Map<String, String> l) {
    return String.join(",", l.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  /** The inspect document: the JSON definition, keyed as podman prints it. */
  public static Map<String, Object> inspect(Network n) {
    return NetworkJson.toMap(n);
  }

  static List<String> names(List<Network> l) {
    return l.stream().map(Network::name).toList();
  }
}
