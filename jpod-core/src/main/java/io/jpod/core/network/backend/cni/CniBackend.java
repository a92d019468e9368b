package io.jpod.core.network.backend.cni;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.core.Rollback;
import io.jpod.core.network.NetworkStatus;
import io.jpod.core.network.NetworkStore;
import io.jpod.core.network.PortMapping;
import io.jpod.core.network.backend.NetworkBackend;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CNI plugins as podman's CNI backend runs them: {@code lo} up, then per network its conflist
 * (bridge with host-local IPAM, portmap with the published ports, firewall, tuning) with podman's
 * CNI_ARGS ({@code IgnoreUnknown=1;K8S_POD_NAME=<name>}, {@code IP=} and {@code MAC=} when asked).
 * Addresses come from host-local's own state ({@code /var/lib/cni/networks/<network>}), not jpod's.
 */
public final class CniBackend implements NetworkBackend {
  private static final String LOOPBACK = "{\"cniVersion\":\"" + CniConfList.CNI_VERSION + "\",\"name\":\"cni-loopback\","
      + "\"plugins\":[{\"type\":\"loopback\"}]}";

  private final NetworkStore store;
  private final CniPlugins plugins;
  private final CniCache cache;
  private final Path lockFile;
  private final ReentrantLock jvmLock = new ReentrantLock();

  public CniBackend(NetworkStore store, List<String> pluginDirs, CniCache cache) {
    this.store = store;
    this.plugins = new CniPlugins(pluginDirs);
    this.cache = cache;
    this.lockFile = store.dir().resolve("cni.lock");
  }

  @Override
  public String name() {
    return "cni";
  }

  @Override
  public Map<String, NetworkStatus.Result> setup(Path netns, Container ctr, List<Wire> networks) {
    return locked(() -> {
      Map<String, NetworkStatus.Result> results = new LinkedHashMap<>();
      try (Rollback rb = new Rollback()) {
        plugins.add(Json.mapper().readTree(LOOPBACK), new CniPlugins.Call(ctr.id(), netns.toString(), "lo", "", Map.of()));
        for (Wire w : networks) {
          String config = store.cniConfig(w.network());
          JsonNode list = Json.mapper().readTree(config);
          CniPlugins.Call call = call(netns, ctr, w);
          JsonNode caps = Json.mapper().valueToTree(call.capabilities());
          CniCache.Entry pending = new CniCache.Entry(ctr.id(), w.network().name(), w.interfaceName(), config, call.args(),
              caps, null, netns.toString());
          cache.write(pending);
          rb.add(() -> undo(pending, netns.toString()));
          JsonNode result = plugins.add(list, call);
          cache.write(new CniCache.Entry(ctr.id(), w.network().name(), w.interfaceName(), config, call.args(), caps, result,
              netns.toString()));
          results.put(w.network().name(), status(result));
        }
        rb.commit();
      }
      return results;
    });
  }

  @Override
  public void teardown(Path netns, Container ctr, List<Wire> networks) {
    locked(() -> {
      JpodException first = null;
      for (Wire w : networks) {
        List<CniCache.Entry> entries = cache.entries(ctr.id(), w.network().name());
        if (entries.isEmpty()) {
          // no cache (removed by hand): podman falls back to the definition on disk
          String config = store.cniConfig(w.network());
          entries = List.of(new CniCache.Entry(ctr.id(), w.network().name(), w.interfaceName(), config,
              call(netns, ctr, w).args(), Json.mapper().valueToTree(call(netns, ctr, w).capabilities()), null, null));
        }
        for (CniCache.Entry e : entries) {
          try {
            undo(e, netns == null ? "" : netns.toString());
          } catch (JpodException ex) {
            first = first == null ? ex : first;
          }
        }
      }
      if (first != null) {
        throw first;
      }
      return null;
    });
  }

  @Override
  public void release(String containerId, String network) {
    if (cache.entries(containerId, network).isEmpty()) {
      return;
    }
    locked(() -> {
      for (CniCache.Entry e : cache.entries(containerId, network)) {
        try {
          // a jpod killed half-way left the namespace too: with it DEL finds what to undo
          undo(e, !e.netns().isEmpty() && Files.exists(Path.of(e.netns())) ? e.netns() : "");
        } catch (JpodException ex) {
          // its namespace is gone with the container; what DEL could not undo stays logged, not fatal
          System.err.println("WARN[0000] releasing CNI network " + e.networkName() + " of container " + containerId + ": "
              + ex.getMessage());
          cache.remove(e);
        }
      }
      return null;
    });
  }

  @Override
  public void forgetAll(List<String> containerIds) {
    containerIds.forEach(id -> release(id, null));
  }

  /**
   * podman's CNI backend deletes a removed network's bridge (the bridge plugin never does); a failure
   * is no error, as there.
   */
  @Override
  public void removed(io.jpod.core.network.Network network) {
    forgetHostLocalDir(network.name());
    if (!network.isBridge() || network.networkInterface().isEmpty()
        || !Files.exists(Path.of("/sys/class/net", network.networkInterface()))) {
      return;
    }
    try {
      Process p = new ProcessBuilder("ip", "link", "delete", network.networkInterface())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor();
    } catch (IOException e) {
      // no iproute2: the empty bridge stays, as podman leaves it when netlink fails
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * host-local's state dir of a removed network goes too when it holds no address any more (only its
   * lock and last-reserved files), so removed networks leave no debris under /var/lib/cni/networks.
   */
  private static void forgetHostLocalDir(String network) {
    Path dir = Path.of("/var/lib/cni/networks", network);
    try (var files = Files.list(dir)) {
      List<Path> all = files.toList();
      if (all.stream().allMatch(f -> f.getFileName().toString().equals("lock")
          || f.getFileName().toString().startsWith("last_reserved_ip"))) {
        for (Path f : all) {
          Files.deleteIfExists(f);
        }
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      // absent, or in use again: left as podman leaves it
    }
  }

  /** DEL with what ADD was given, then the cache entry goes. */
  private void undo(CniCache.Entry e, String netns) {
    try {
      JsonNode list = Json.mapper().readTree(e.config());
      Map<String, Object> caps = Json.mapper().convertValue(e.capabilityArgs(), Map.class);
      plugins.del(list, new CniPlugins.Call(e.containerId(), netns, e.ifName(), e.cniArgs(), caps == null ? Map.of() : caps),
          e.result());
    } catch (IOException ex) {
      throw JpodException.system("CNI cache entry for " + e.networkName() + ": " + ex.getMessage(), ex);
    }
    cache.remove(e);
  }

  /** podman's runtime config for one network: CNI_ARGS and the capability arguments. */
  private static CniPlugins.Call call(Path netns, Container ctr, Wire w) {
    StringBuilder args = new StringBuilder("IgnoreUnknown=1;K8S_POD_NAME=").append(ctr.name());
    if (w.staticMac() != null) {
      args.append(";MAC=").append(w.staticMac());
    }
    Map<String, Object> caps = new LinkedHashMap<>();
    if (w.staticIps().size() == 1) {
      args.append(";IP=").append(w.staticIps().getFirst());
    } else if (w.staticIps().size() > 1) {
      caps.put("ips", w.staticIps());
    }
    if (!w.aliases().isEmpty()) {
      caps.put("aliases", Map.of(w.network().name(), w.aliases()));
    }
    List<Map<String, Object>> ports = portMappings(ctr.ports());
    if (!ports.isEmpty()) {
      caps.put("portMappings", ports);
    }
    return new CniPlugins.Call(ctr.id(), netns == null ? "" : netns.toString(), w.interfaceName(), args.toString(), caps);
  }

  /** portmap's entries: one per port of a range, hostIP left out when empty. */
  static List<Map<String, Object>> portMappings(List<PortMapping> ports) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (PortMapping p : ports) {
      for (int i = 0; i < p.range(); i++) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostPort", p.hostPort() + i);
        m.put("containerPort", p.containerPort() + i);
        m.put("protocol", p.protocol());
        if (!p.hostIp().isEmpty()) {
          m.put("hostIP", p.hostIp());
        }
        out.add(m);
      }
    }
    return out;
  }

  /** A CNI 0.4.0 result as podman's status block: the container's interfaces with their addresses. */
  static NetworkStatus.Result status(JsonNode result) {
    if (result == null) {
      return new NetworkStatus.Result(List.of(), List.of(), Map.of());
    }
    JsonNode ifs = result.path("interfaces");
    Map<String, NetworkStatus.Interface> interfaces = new LinkedHashMap<>();
    for (int i = 0; i < ifs.size(); i++) {
      JsonNode itf = ifs.get(i);
      if (itf.path("sandbox").asText("").isEmpty()) {
        continue;
      }
      List<NetworkStatus.Subnet> subnets = new ArrayList<>();
      for (JsonNode ip : result.path("ips")) {
        if (ip.has("interface") && ip.path("interface").asInt() == i) {
          subnets.add(new NetworkStatus.Subnet(ip.path("address").asText(), ip.path("gateway").asText(null)));
        }
      }
      interfaces.put(itf.path("name").asText(), new NetworkStatus.Interface(itf.path("mac").asText(""), subnets));
    }
    List<String> servers = new ArrayList<>();
    result.path("dns").path("nameservers").forEach(n -> servers.add(n.asText()));
    List<String> search = new ArrayList<>();
    result.path("dns").path("search").forEach(n -> search.add(n.asText()));
    return new NetworkStatus.Result(servers, search, interfaces);
  }

  @FunctionalInterface
  private interface Body<T> {
    T run() throws IOException;
  }

  /** podman's {@code <config dir>/cni.lock} across processes, a plain lock within this JVM. */
  private <T> T locked(Body<T> body) {
    jvmLock.lock();
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          var l = ch.lock()) {
        return body.run();
      }
    } catch (IOException e) {
      throw JpodException.system("CNI: " + e.getMessage(), e);
    } finally {
      jvmLock.unlock();
    }
  }
}
