package io.jpod.core.network;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
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
   * Gives {@code containerId} an address on {@code net}: {@code requested} if free (else a conflict
   * naming the holder), or the next free one after the last handed out.
   */
  public String allocate(Network net, String containerId, String requested) {
    Network.Subnet sub = net.subnets().getFirst();
    Cidr cidr = sub.cidr();
    return locked(() -> {
      Path dir = root.resolve(net.name());
      Files.createDirectories(dir);
      Map<String, String> held = holders(dir);
      for (var e : held.entrySet()) {
        if (e.getValue().equals(containerId) && requested == null) {
          return e.getKey();
        }
      }
      if (requested != null) {
        if (!cidr.contains(requested)) {
          throw JpodException.invalid("requested static ip " + requested + " not in any subnet on network " + net.name());
        }
        String holder = held.get(requested);
        if (holder != null && !holder.equals(containerId)) {
          throw JpodException.conflict("IPAM error: requested ip address " + requested
              + " is already allocated to container ID " + holder);
        }
        Files.writeString(dir.resolve(requested), containerId);
        return requested;
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
        return s;
      }
      throw JpodException.system("IPAM error: failed to find free IP in range: " + cidr);
    });
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
        if (Cidr.isIp(n)) {
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
