package io.jpod.core.network;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * podman's {@code -p}/{@code --publish}, {@code --expose} and {@code -P} syntax: parsing, podman's
 * ordering of the mappings (grouped by host address and protocol in first-seen order, by container
 * port within a group), random host ports, and the host-side bind check.
 */
public final class PortSpecs {
  private PortSpecs() {}

  /** A parsed {@code -p} value before random host ports are picked (hostPort 0 = random). */
  record Spec(String hostIp, int hostPort, int containerPort, int range, String protocol) {}

  /** Parses one {@code -p} value: [[IP:][HOSTPORT[-END]]:]CPORT[-END][/PROTO[,PROTO]]. */
  static List<Spec> parse(String value) {
    String v = value.strip();
    String protos = "tcp";
    int slash = v.lastIndexOf('/');
    if (slash >= 0) {
      protos = v.substring(slash + 1);
      v = v.substring(0, slash);
    }
    String hostIp = "";
    String hostPart = null;
    String ctrPart;
    if (v.startsWith("[")) {
      int close = v.indexOf(']');
      if (close < 0) {
        throw JpodException.invalid("invalid IPv6 address in port mapping: " + value);
      }
      hostIp = v.substring(1, close);
      String rest = v.substring(close + 1);
      if (!rest.startsWith(":")) {
        throw JpodException.invalid("invalid port format: " + value);
      }
      String[] p = rest.substring(1).split(":", -1);
      if (p.length != 2) {
        throw JpodException.invalid("invalid port format: " + value);
      }
      hostPart = p[0];
      ctrPart = p[1];
    } else {
      String[] p = v.split(":", -1);
      switch (p.length) {
        case 1 -> ctrPart = p[0];
        case 2 -> {
          hostPart = p[0];
          ctrPart = p[1];
        }
        case 3 -> {
          hostIp = p[0];
          hostPart = p[1];
          ctrPart = p[2];
          if (!hostIp.isEmpty() && !Cidr.isIp(hostIp)) {
            throw JpodException.invalid("invalid IP address \"" + hostIp + "\" in port mapping");
          }
        }
        default -> throw JpodException.invalid("invalid port format: " + value);
      }
    }
    int[] ctr = range(ctrPart, value, false, "container");
    int[] host = hostPart == null || hostPart.isEmpty() ? new int[] {0, 0} : range(hostPart, value, true, "host");
    int n = ctr[1] - ctr[0] + 1;
    if (host[0] != 0 && host[1] != host[0] && host[1] - host[0] + 1 != n) {
      throw JpodException.invalid("host and container port ranges have different lengths: " + value);
    }
    List<Spec> out = new ArrayList<>();
    for (String proto : protos.split(",")) {
      String p = proto.strip().toLowerCase();
      if (!Set.of("tcp", "udp", "sctp").contains(p)) {
        throw JpodException.invalid("unrecognized protocol \"" + proto + "\" in port mapping");
      }
      out.add(new Spec(hostIp, host[0], ctr[0], n, p));
    }
    return out;
  }

  private static int[] range(String s, String value, boolean allowZero, String what) {
    String[] p = s.split("-", -1);
    if (p.length > 2) {
      throw JpodException.invalid("invalid port format: " + value);
    }
    int a = port(p[0], allowZero, what);
    int b = p.length == 2 ? port(p[1], allowZero, what) : a;
    if (b < a) {
      throw JpodException.invalid("invalid port range " + s + ": end must be at least start");
    }
    return new int[] {a, b};
  }

  /** podman's wording: "parsing container port: invalid port number: strconv.Atoi: parsing "abc": invalid syntax". */
  private static int port(String s, boolean allowZero, String what) {
    int v;
    try {
      v = Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      throw JpodException.invalid("parsing " + what + " port: invalid port number: strconv.Atoi: parsing \"" + s
          + "\": invalid syntax");
    }
    if (v < (allowZero ? 0 : 1) || v > 65535) {
      throw JpodException.invalid("parsing " + what + " port: invalid port number: " + s + " (must be between 1 and 65535)");
    }
    return v;
  }

  /** Normalises an {@code --expose} or image EXPOSE entry into "PORT/proto" strings (ranges expanded). */
  public static List<String> expose(String value) {
    String v = value.strip();
    String proto = "tcp";
    int slash = v.indexOf('/');
    if (slash >= 0) {
      proto = v.substring(slash + 1).toLowerCase();
      v = v.substring(0, slash);
    }
    if (!Set.of("tcp", "udp", "sctp").contains(proto)) {
      throw JpodException.invalid("invalid protocol \"" + proto + "\" for exposed port " + value);
    }
    int[] r = range(v, value, false, "exposed");
    List<String> out = new ArrayList<>();
    for (int p = r[0]; p <= r[1]; p++) {
      out.add(p + "/" + proto);
    }
    return out;
  }

  /**
   * The final mappings: {@code -p} values grouped as podman orders them, then with {@code publishAll}
   * every exposed port not already published on a random host port. Random host ports are picked
   * here (podman picks them at create, too).
   */
  public static List<PortMapping> resolve(List<String> publish, boolean publishAll, List<String> exposed) {
    Map<String, List<Spec>> groups = new LinkedHashMap<>();
    for (String p : publish) {
      for (Spec s : parse(p)) {
        groups.computeIfAbsent(s.hostIp() + "/" + s.protocol(), k -> new ArrayList<>()).add(s);
      }
    }
    List<PortMapping> out = new ArrayList<>();
    Set<String> taken = new LinkedHashSet<>();
    Set<Integer> picked = new LinkedHashSet<>();
    for (List<Spec> g : groups.values()) {
      g.sort(java.util.Comparator.comparingInt(Spec::containerPort));
      for (Spec s : g) {
        for (int i = 0; i < s.range(); i++) {
          if (!taken.add(s.hostIp() + ":" + (s.hostPort() == 0 ? "r" + s.containerPort() + i : s.hostPort() + i) + "/" + s.protocol())) {
            throw JpodException.invalid("conflicting port mappings for host port " + (s.hostPort() + i) + "/" + s.protocol());
          }
        }
        int host = s.hostPort() == 0 ? randomPort(s.range(), s.protocol(), picked) : s.hostPort();
        out.add(new PortMapping(s.hostIp(), s.containerPort(), host, s.range(), s.protocol()));
      }
    }
    if (publishAll) {
      for (String e : exposed) {
        int slash = e.indexOf('/');
        int port = Integer.parseInt(e.substring(0, slash));
        String proto = e.substring(slash + 1);
        boolean already = out.stream().anyMatch(m -> m.protocol().equals(proto)
            && port >= m.containerPort() && port < m.containerPort() + m.range());
        if (!already) {
          out.add(new PortMapping("", port, randomPort(1, proto, picked), 1, proto));
        }
      }
    }
    return out;
  }

  /** A free host port (or {@code n} consecutive ones): the kernel's pick for an ephemeral bind. */
  static int randomPort(int n, String protocol, Set<Integer> picked) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int start;
      try (ServerSocket s = new ServerSocket(0)) {
        start = s.getLocalPort();
      } catch (IOException e) {
        throw JpodException.system("failed to find a free host port: " + e.getMessage(), e);
      }
      if (start + n - 1 > 65535) {
        continue;
      }
      boolean ok = true;
      for (int i = 0; i < n && ok; i++) {
        ok = !picked.contains(start + i) && (i == 0 && protocol.equals("tcp") || bindable("", start + i, protocol));
      }
      if (ok) {
        for (int i = 0; i < n; i++) {
          picked.add(start + i);
        }
        return start;
      }
    }
    throw JpodException.system("failed to find an open port range of " + n + " ports");
  }

  static boolean bindable(String hostIp, int port, String protocol) {
    try {
      InetSocketAddress addr = hostIp.isEmpty() ? new InetSocketAddress(port)
          : new InetSocketAddress(InetAddress.getByName(hostIp), port);
      if (protocol.equals("udp")) {
        try (DatagramSocket d = new DatagramSocket(null)) {
          d.bind(addr);
        }
      } else {
        try (ServerSocket s = new ServerSocket()) {
          s.setReuseAddress(true);
          s.bind(addr);
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** podman's PORTS column: "0.0.0.0:8080->80/tcp, 127.0.0.1:9000-9001->90-91/udp". */
  public static String psColumn(List<PortMapping> ports) {
    List<String> parts = new ArrayList<>();
    for (PortMapping m : ports) {
      String ip = m.hostIp().isEmpty() ? "0.0.0.0" : m.hostIp();
      String host = m.range() > 1 ? m.hostPort() + "-" + (m.hostPort() + m.range() - 1) : String.valueOf(m.hostPort());
      String ctr = m.range() > 1 ? m.containerPort() + "-" + (m.containerPort() + m.range() - 1) : String.valueOf(m.containerPort());
      parts.add(ip + ":" + host + "->" + ctr + "/" + m.protocol());
    }
    return String.join(", ", parts);
  }
}
