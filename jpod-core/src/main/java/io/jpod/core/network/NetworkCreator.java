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
    if (!driver.equals("bridge") && !driver.equals("macvlan")) {
      throw JpodException.invalid("unsupported driver " + driver + ": invalid argument");
    }
    if (req.gateways().size() > req.subnets().size()) {
      throw JpodException.invalid("cannot set more gateways than subnets");
    }
    if (req.ipRanges().size() > req.subnets().size()) {
      throw JpodException.invalid("cannot set more ranges than subnets");
    }
    List<Cidr> taken = new ArrayList<>();
    for (Network n : existing) {
      for (Network.Subnet s : n.subnets()) {
        taken.add(s.cidr());
      }
    }
    List<Cidr> hostRoutes = hostRoutes();
    List<Network.Subnet> subnets = new ArrayList<>();
    for (int i = 0; i < req.subnets().size(); i++) {
      String raw = req.subnets().get(i);
      if (raw.contains(":")) {
        throw JpodException.invalid("IPv6 subnets are not supported by jpod: " + raw);
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
      if (i < req.gateways().size()) {
        gw = req.gateways().get(i);
        if (!Cidr.isIp(gw)) {
          throw JpodException.invalid("gateway " + gw + " is not an ip address");
        }
        if (!c.contains(gw)) {
          throw JpodException.invalid("gateway ip " + gw + " not in subnet " + c);
        }
      }
      String start = null;
      String end = null;
      if (i < req.ipRanges().size()) {
        Cidr r = Cidr.parse(req.ipRanges().get(i));
        if (!c.contains(r.base()) || !c.contains(r.last())) {
          throw JpodException.invalid("ip range " + req.ipRanges().get(i) + " is not in subnet " + c);
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
    if (subnets.isEmpty()) {
      Cidr free = freeSubnet(taken, hostRoutes);
      subnets.add(new Network.Subnet(free.toString(), Cidr.format(free.host(1)), null, null));
    }
    Map<String, String> opts = new LinkedHashMap<>(req.options());
    String iface;
    if (driver.equals("bridge")) {
      iface = nextBridge(existing);
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
    Network n = new Network(name, store.idFor(name, id), driver, iface, NetworkStore.rfc3339(Instant.now()), subnets, false,
        req.internal(), dns, req.labels(), opts, "host-local");
    return store.write(n);
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
