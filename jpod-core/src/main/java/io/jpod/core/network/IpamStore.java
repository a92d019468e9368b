package io.jpod.core.network;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Address allocation as podman does it (podman allocates, netavark only applies the addresses): one
 * file per allocated address, {@code <run dir>/ipam/<network>/<ip>} holding the container id, and the
 * last address handed out so allocation goes round the subnet as podman's does. Every change happens
 * under a file lock, so parallel jpod processes never hand out one address twice; the run dir is
 * per boot (and cleared by the reboot refresh), so allocations never outlive their containers.
 */
public final class IpamStore {
  private final Path root;
  private final ReentrantLock jvmLock = new ReentrantLock();

  public IpamStore(Path runDir) {
    this.root = runDir.resolve("ipam");
  }

  public Path root() {
    return root;
  }

  /**
   * Gives {@code containerId} one address on each of {@code net}'s subnets (IPv4 and IPv6, as
   * podman): a requested one if free (else a conflict naming the holder), or the next free one after
   * the last handed out. Requested addresses outside every subnet are refused.
   */
  public List<String> allocate(Network net, String containerId, List<String> requested) {
    return locked(() -> {
      Path dir = root.resolve(net.name());
      Files.createDirectories(dir);
      Map<String, String> held = holders(dir);
      for (String r : requested) {
        if (net.subnets().stream().noneMatch(s -> contains(s, r))) {
          throw JpodException.invalid("requested static ip " + r + " not in any subnet on network " + net.name());
        }
      }
      List<String> out = new ArrayList<>();
      for (Network.Subnet sub : net.subnets()) {
        String want = requested.stream().filter(r -> contains(sub, r)).findFirst()
            .map(r -> sub.isV6() ? Cidr6.canonical(r) : r).orElse(null);
        out.add(sub.isV6() ? allocate6(dir, held, sub, containerId, want) : allocate4(dir, held, sub, containerId, want));
      }
      return out;
    });
  }

  static boolean contains(Network.Subnet s, String ip) {
    return s.isV6() ? s.cidr6().contains(ip) : s.cidr().contains(ip);
  }

  private static String claimRequested(Path dir, Map<String, String> held, String containerId, String requested)
      throws IOException {
    String holder = held.get(requested);
    if (holder != null && !holder.equals(containerId)) {
      throw JpodException.conflict("IPAM error: requested ip address " + requested
          + " is already allocated to container ID " + holder);
    }
    Files.writeString(dir.resolve(requested), containerId);
    held.put(requested, containerId);
    return requested;
  }

  private static String allocate4(Path dir, Map<String, String> held, Network.Subnet sub, String containerId,
      String requested) throws IOException {
    Cidr cidr = sub.cidr();
    if (requested != null) {
      return claimRequested(dir, held, containerId, requested);
    }
    for (var e : held.entrySet()) {
      if (e.getValue().equals(containerId) && cidr.contains(e.getKey())) {
        return e.getKey();
      }
    }
    // a lease range may name the subnet's network or broadcast address (podman writes its end so)
    long first = sub.leaseStart() != null ? Math.max(Cidr.parseIp(sub.leaseStart(), sub.leaseStart()), cidr.host(1)) : cidr.host(1);
    long last = sub.leaseEnd() != null ? Math.min(Cidr.parseIp(sub.leaseEnd(), sub.leaseEnd()), cidr.last() - 1) : cidr.last() - 1;
    long gw = sub.gateway() == null ? -1 : Cidr.parseIp(sub.gateway(), sub.gateway());
    Path lastFile = dir.resolve("last");
    long start = first;
    if (Files.exists(lastFile)) {
      String l = Files.readString(lastFile).strip();
      if (Cidr.isIp(l)) {
        long v = Cidr.parseIp(l, l) + 1;
        start = v < first || v > last ? first : v;
      }
    }
    long span = last - first + 1;
    for (long i = 0; i < span; i++) {
      long ip = first + ((start - first + i) % span);
      String s = Cidr.format(ip);
      if (ip == gw || held.containsKey(s)) {
        continue;
      }
      Files.writeString(dir.resolve(s), containerId);
      Files.writeString(lastFile, s);
      held.put(s, containerId);
      return s;
    }
    throw JpodException.system("IPAM error: failed to find free IP in range: " + cidr);
  }

  /** As {@link #allocate4}, over 128-bit addresses; the round-robin mark is {@code last6-<subnet>}. */
  private static String allocate6(Path dir, Map<String, String> held, Network.Subnet sub, String containerId,
      String requested) throws IOException {
    Cidr6 cidr = sub.cidr6();
    if (requested != null) {
      return claimRequested(dir, held, containerId, requested);
    }
    for (var e : held.entrySet()) {
      if (e.getValue().equals(containerId) && cidr.contains(e.getKey())) {
        return e.getKey();
      }
    }
    BigInteger first = cidr.host(1);
    BigInteger last = cidr.last();
    if (sub.leaseStart() != null) {
      first = first.max(Cidr6.parseIp(sub.leaseStart()));
    }
    if (sub.leaseEnd() != null) {
      last = last.min(Cidr6.parseIp(sub.leaseEnd()));
    }
    String gw = sub.gateway() == null ? null : Cidr6.canonical(sub.gateway());
    Path lastFile = dir.resolve("last6-" + cidr.toString().replace('/', '_'));
    BigInteger next = first;
    if (Files.exists(lastFile)) {
      String l = Files.readString(lastFile).strip();
      if (Cidr6.isIp(l)) {
        BigInteger v = Cidr6.parseIp(l).add(BigInteger.ONE);
        next = v.compareTo(first) < 0 || v.compareTo(last) > 0 ? first : v;
      }
    }
    // every held address or the gateway can be skipped at most once per pass; the subnet is far larger
    for (int tries = 0; tries <= held.size() + 1; tries++) {
      String s = Cidr6.format(next);
      if (!s.equals(gw) && !held.containsKey(s)) {
        Files.writeString(dir.resolve(s), containerId);
        Files.writeString(lastFile, s);
        held.put(s, containerId);
        return s;
      }
      next = next.equals(last) ? first : next.add(BigInteger.ONE);
    }
    throw JpodException.system("IPAM error: failed to find free IP in range: " + cidr);
  }

  /** Frees the container's addresses on {@code network}, or on every network when null. */
  public void release(String containerId, String network) {
    locked(() -> {
      if (!Files.isDirectory(root)) {
        return null;
      }
      try (Stream<Path> nets = Files.list(root)) {
        for (Path dir : nets.filter(Files::isDirectory).toList()) {
          if (network != null && !dir.getFileName().toString().equals(network)) {
            continue;
          }
          for (var e : holders(dir).entrySet()) {
            if (e.getValue().equals(containerId)) {
              Files.deleteIfExists(dir.resolve(e.getKey()));
            }
          }
        }
      }
      return null;
    });
  }

  /** Who holds which address on a network (ip → container id). */
  public Map<String, String> allocations(String network) {
    return locked(() -> holders(root.resolve(network)));
  }

  /** Forgets every allocation (after a reboot, no container holds an address). */
  public void clear() {
    locked(() -> {
      if (Files.isDirectory(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            if (!p.equals(root) && !p.getFileName().toString().equals("lock")) {
              Files.deleteIfExists(p);
            }
          }
        }
      }
      return null;
    });
  }

  private static Map<String, String> holders(Path dir) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    if (!Files.isDirectory(dir)) {
      return m;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        String n = f.getFileName().toString();
        if (Cidr.isIp(n) || Cidr6.isIp(n)) {
          m.put(n, Files.readString(f).strip());
        }
      }
    }
    return m;
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private <T> T locked(IoSupplier<T> body) {
    jvmLock.lock();
    try {
      Files.createDirectories(root);
      try (FileChannel ch = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock l = ch.lock()) {
        return body.get();
      }
    } catch (IOException e) {
      throw JpodException.system("IPAM: " + e.getMessage(), e);
    } finally {
      jvmLock.unlock();
    }
  }

}
