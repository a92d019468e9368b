package io.jpod.core.network;

import io.jpod.common.JpodException;
import io.jpod.core.naming.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code network create}'s checks and defaults, as containers/common's netavark driver applies them:
 * the next free bridge name (podmanN), the next free subnet from the pools, gateway = first address,
 * no overlap with other networks or with the host's routes.
 */
final class NetworkCreator {
  private final NetworkStore store;
  private final NetworkOptions options;

  NetworkCreator(NetworkStore store, NetworkOptions options) {
    this.store = store;
    this.options = options;
  }

  Network create(NetworkService.CreateRequest req, String id) {
    List<Network> existing = store.list();
    String name = req.name();
    if (name == null || name.isEmpty()) {
      name = nextName(existing);
    } else if (!Ids.validName(name)) {
      throw JpodException.invalid("network name " + name + " invalid: names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
    }
    for (Network n : existing) {
      if (n.name().equals(name)) {
        if (req.ignoreExisting()) {
          return n;
        }
        throw JpodException.conflict("network name " + name + " already used: network already exists");
      }
    }
    String driver = req.driver() == null || req.driver().isEmpty() ? "bridge" : req.driver();
    // podman 4.3.1: ipvlan exists only on the CNI backend (netavark 1.4 has no ipvlan driver)
    boolean ipvlan = driver.equals("ipvlan") && store.cni();
    if (!driver.equals("bridge") && !driver.equals("macvlan") && !ipvlan) {
      throw JpodException.invalid("unsupported driver " + driver + ": invalid argument");
    }
    if (ipvlan) {
      IpvlanOptions.check(req.options());
    }
    if (req.gateways().size() > req.subnets().size()) {
      throw JpodException.invalid("cannot set more gateways than subnets");
    }
    if (req.ipRanges().size() > req.subnets().size()) {
      throw JpodException.invalid("cannot set more ranges than subnets");
    }
    List<Cidr> taken = new ArrayList<>();
    List<Cidr6> taken6 = new ArrayList<>();
    for (Network n : existing) {
      for (Network.Subnet s : n.subnets()) {
        if (s.isV6()) {
          taken6.add(s.cidr6());
        } else {
          taken.add(s.cidr());
        }
      }
    }
    List<Cidr> hostRoutes = hostRoutes();
    List<Network.Subnet> subnets = new ArrayList<>();
    for (int i = 0; i < req.subnets().size(); i++) {
      String raw = req.subnets().get(i);
      String gateway = i < req.gateways().size() ? req.gateways().get(i) : null;
      String range = i < req.ipRanges().size() ? req.ipRanges().get(i) : null;
      if (raw.contains(":")) {
        Cidr6 c = Cidr6.parse(raw);
        if (taken6.stream().anyMatch(t -> t.overlaps(c))) {
          throw JpodException.conflict("subnet " + c + " is already used on the host or by another config");
        }
        taken6.add(c);
        subnets.add(subnet6(c, gateway, range));
        continue;
      }
      Cidr c = Cidr.parse(raw);
      if (c.prefix() > 30) {
        throw JpodException.invalid("subnet " + c + " is too small");
      }
      for (Cidr t : taken) {
        if (t.overlaps(c)) {
          throw JpodException.conflict("subnet " + c + " is already used on the host or by another config");
        }
      }
      if (driver.equals("bridge")) {
        for (Cidr t : hostRoutes) {
          if (t.overlaps(c)) {
            throw JpodException.conflict("subnet " + c + " is already used on the host or by another config");
          }
        }
      }
      String gw = Cidr.format(c.host(1));
      if (gateway != null) {
        gw = gateway;
        if (!Cidr.isIp(gw) && !Cidr6.isIp(gw)) {
          throw JpodException.invalid("gateway " + gw + " is not an ip address");
        }
        if (!c.contains(gw)) {
          throw JpodException.invalid("gateway " + gw + " not in subnet " + c);
        }
      }
      String start = null;
      String end = null;
      if (range != null) {
        Cidr r = Cidr.parse(range);
        if (!c.contains(r.base()) || !c.contains(r.last())) {
          throw JpodException.invalid("ip range " + range + " is not in subnet " + c);
        }
        // podman: the range's first address after its base, up to its last (broadcast) address
        start = Cidr.format(r.base() + 1);
        end = Cidr.format(r.last());
      }
      taken.add(c);
      subnets.add(new Network.Subnet(c.toString(), gw, start, end));
    }
    if (req.gateways().size() > 0 && req.subnets().isEmpty()) {
      throw JpodException.invalid("cannot set gateway without subnet");
    }
    boolean hasV4 = subnets.stream().anyMatch(s -> !s.isV6());
    boolean hasV6 = subnets.stream().anyMatch(Network.Subnet::isV6);
    // podman: an IPv4 subnet from the pools unless only IPv6 subnets were asked for without --ipv6,
    // then with --ipv6 a random unique local /64 unless one was given
    if (!hasV4 && !ipvlan && (subnets.isEmpty() || req.ipv6())) {
      Cidr free = freeSubnet(taken, hostRoutes);
      subnets.add(new Network.Subnet(free.toString(), Cidr.format(free.host(1)), null, null));
    }
    if (req.ipv6() && !hasV6) {
      Cidr6 ula = freeUla(taken6);
      subnets.add(new Network.Subnet(ula.toString(), Cidr6.format(ula.host(1)), null, null));
      hasV6 = true;
    }
    Map<String, String> opts = new LinkedHashMap<>(req.options());
    String iface;
    if (driver.equals("bridge")) {
      iface = nextBridge(existing);
    } else if (ipvlan) {
      // podman's CNI ipvlan takes no parent: the plugin uses the interface of the default route
      iface = "";
    } else {
      iface = opts.getOrDefault("parent", defaultInterface());
      opts.remove("parent");
      if (!Files.exists(Path.of("/sys/class/net", iface))) {
        throw JpodException.invalid("parent interface " + iface + " does not exist");
      }
    }
    boolean dns = driver.equals("bridge") && !req.disableDns();
    if (dns && !store.dnsAvailable()) {
      // podman drops DNS silently here; a user expecting names to resolve deserves a word
      System.err.println("WARN[0000] dnsname CNI plugin not found in " + options.cniPluginDirs()
          + ": network " + name + " has no name resolution between containers");
      dns = false;
    }
    Network n = new Network(name, store.idFor(name, id), driver, iface, NetworkStore.rfc3339(Instant.now()), subnets, hasV6,
        req.internal(), dns, req.labels(), opts, ipvlan && subnets.isEmpty() ? "dhcp" : "host-local");
    return store.write(n);
  }

  private static Network.Subnet subnet6(Cidr6 c, String gateway, String range) {
    String gw = Cidr6.format(c.host(1));
    if (gateway != null) {
      if (!Cidr.isIp(gateway) && !Cidr6.isIp(gateway)) {
        throw JpodException.invalid("gateway " + gateway + " is not an ip address");
      }
      if (!c.contains(gateway)) {
        throw JpodException.invalid("gateway " + gateway + " not in subnet " + c);
      }
      gw = Cidr6.canonical(gateway);
    }
    String start = null;
    String end = null;
    if (range != null) {
      Cidr6 r = Cidr6.parse(range);
      if (!c.contains(r.base()) || !c.contains(r.last())) {
        throw JpodException.invalid("ip range " + range + " is not in subnet " + c);
      }
      start = Cidr6.format(r.base().add(java.math.BigInteger.ONE));
      end = Cidr6.format(r.last());
    }
    return new Network.Subnet(c.toString(), gw, start, end);
  }

  private static Cidr6 freeUla(List<Cidr6> taken) {
    var random = new java.security.SecureRandom();
    for (int i = 0; i < 100; i++) {
      Cidr6 c = Cidr6.randomUla(random);
      if (taken.stream().noneMatch(c::overlaps)) {
        return c;
      }
    }
    throw JpodException.system("failed to get random ipv6 subnet");
  }

  private static String nextName(List<Network> existing) {
    Set<String> names = new HashSet<>();
    existing.forEach(n -> names.add(n.name()));
    for (int i = 1; ; i++) {
      if (!names.contains("podman" + i)) {
        return "podman" + i;
      }
    }
  }

  private String nextBridge(List<Network> existing) {
    Set<String> used = new HashSet<>();
    existing.forEach(n -> used.add(n.networkInterface()));
    for (int i = 0; ; i++) {
      String b = store.bridgePrefix() + i;
      if (!used.contains(b) && !Files.exists(Path.of("/sys/class/net", b))) {
        return b;
      }
    }
  }

  private Cidr freeSubnet(List<Cidr> taken, List<Cidr> hostRoutes) {
    for (NetworkOptions.Pool pool : options.subnetPools()) {
      Cidr base = Cidr.parse(pool.base());
      long step = 1L << (32 - pool.size());
      for (long a = base.base(); a + step - 1 <= base.last(); a += step) {
        Cidr c = new Cidr(a, pool.size());
        if (taken.stream().noneMatch(c::overlaps) && hostRoutes.stream().noneMatch(c::overlaps)) {
          return c;
        }
      }
    }
    throw JpodException.system("could not find free subnet from subnet pools");
  }

  /** The host's routed subnets (/proc/net/route), default route excluded. */
  static List<Cidr> hostRoutes() {
    List<Cidr> out = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/route"));
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 8) {
          continue;
        }
        long dest = Long.reverseBytes(Long.parseLong(f[1], 16) << 32) & 0xFFFFFFFFL;
        long mask = Long.reverseBytes(Long.parseLong(f[7], 16) << 32) & 0xFFFFFFFFL;
        int prefix = Long.bitCount(mask);
        if (prefix > 0) {
          out.add(new Cidr(dest & Cidr.mask(prefix), prefix));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no route table to check against
    }
    return out;
  }

  private static String defaultInterface() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/net/route"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 2 && f[1].equals("00000000")) {
          return f[0];
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "eth0";
  }
}
