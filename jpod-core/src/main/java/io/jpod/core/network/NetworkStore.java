package io.jpod.core.network;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The network definitions: one {@code <name>.json} per user network in the config dir (netavark), or
 * one {@code <name>.conflist} (CNI), plus the default network, which podman builds in memory unless a
 * file of that name exists.
 */
public final class NetworkStore {
  private final NetworkOptions options;
  private final boolean cni;

  public NetworkStore(NetworkOptions options) {
    this.options = options;
    this.cni = options.isCni();
  }

  /** Whether definitions are CNI conflists (podman's CNI backend). */
  public boolean cni() {
    return cni;
  }

  /** The prefix of new bridges' names: podmanN (netavark) or cni-podmanN. */
  public String bridgePrefix() {
    return cni ? "cni-podman" : "podman";
  }

  /** A new network's id: random for netavark, the name's sha256 for CNI (as podman). */
  public String idFor(String name, String randomId) {
    return cni ? io.jpod.core.network.backend.cni.CniConfList.idFor(name) : randomId;
  }

  /** Whether new networks get name resolution: CNI needs the dnsname plugin, which may be missing. */
  public boolean dnsAvailable() {
    return !cni || dnsnamePlugin() != null;
  }

  /** The dnsname CNI plugin, or null when none of the plugin dirs has it. */
  public Path dnsnamePlugin() {
    for (String d : options.cniPluginDirs()) {
      Path p = Path.of(d, "dnsname");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The conflist a CNI network runs with: its file as written (a hand-edited list keeps its extra
   * plugins), or the rendered default network.
   */
  public String cniConfig(Network n) {
    Path f = file(n.name());
    try {
      if (Files.exists(f)) {
        Network onDisk = io.jpod.core.network.backend.cni.CniConfList.parse(Files.readString(f), n.created());
        if (onDisk != null && onDisk.name().equals(n.name())) {
          return Files.readString(f);
        }
      }
    } catch (IOException e) {
      throw JpodException.system("reading " + f + ": " + e.getMessage(), e);
    }
    return io.jpod.core.network.backend.cni.CniConfList.render(n, false);
  }

  public Path dir() {
    return options.configDir();
  }

  /** The built-in default network: bridge podman0 (cni-podman0) on the default subnet, no DNS (as Docker's). */
  public Network builtinDefault() {
    Cidr c = Cidr.parse(options.defaultSubnet());
    String id = cni ? io.jpod.core.network.backend.cni.CniConfList.idFor(options.defaultNetwork()) : Network.DEFAULT_ID;
    return new Network(options.defaultNetwork(), id, "bridge", bridgePrefix() + "0", rfc3339(Instant.now()),
        List.of(new Network.Subnet(c.toString(), Cidr.format(c.host(1)), null, null)), false, false, false,
        Map.of(), Map.of(), "host-local");
  }

  /** Every network, sorted by name as {@code network ls} shows them. */
  public List<Network> list() {
    List<Network> all = new ArrayList<>();
    boolean defaultOnDisk = false;
    if (Files.isDirectory(dir())) {
      try (Stream<Path> s = Files.list(dir())) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Path f : s.filter(p -> p.getFileName().toString().endsWith(cni ? ".conflist" : ".json")).sorted().toList()) {
          Network n = cni ? io.jpod.core.network.backend.cni.CniConfList.parse(Files.readString(f), changed(f))
              : NetworkJson.parse(Files.readString(f), f.toString());
          // podman skips a conflist it cannot show, and a second one with a name already seen
          if (n == null || !seen.add(n.name())) {
            continue;
          }
          defaultOnDisk |= n.name().equals(options.defaultNetwork());
          all.add(n);
        }
      } catch (IOException e) {
        throw JpodException.system("reading network configs in " + dir() + ": " + e.getMessage(), e);
      }
    }
    if (!defaultOnDisk) {
      all.add(builtinDefault());
    }
    all.sort(Comparator.comparing(Network::name));
    return all;
  }

  /** A network by name, full id or unique id prefix. */
  public Optional<Network> find(String nameOrId) {
    List<Network> all = list();
    for (Network n : all) {
      if (n.name().equals(nameOrId) || n.id().equals(nameOrId)) {
        return Optional.of(n);
      }
    }
    List<Network> byPrefix = all.stream().filter(n -> !nameOrId.isEmpty() && n.id().startsWith(nameOrId)).toList();
    if (byPrefix.size() > 1) {
      throw JpodException.invalid("more than one result for network ID " + nameOrId);
    }
    return byPrefix.stream().findFirst();
  }

  public Network lookup(String nameOrId) {
    return find(nameOrId).orElseThrow(() -> notFound(nameOrId));
  }

  public static JpodException notFound(String nameOrId) {
    return JpodException.notFound("unable to find network with name or ID " + nameOrId + ": network not found");
  }

  /**
   * Writes a new definition (atomically: a half-written file is never seen) and returns it as read
   * back (a conflist's creation time is its file's).
   */
  public Network write(Network n) {
    try {
      Files.createDirectories(dir());
      Path tmp = Files.createTempFile(dir(), "." + n.name(), ".tmp");
      String text = cni ? io.jpod.core.network.backend.cni.CniConfList.render(n, n.dnsEnabled())
          : NetworkJson.indent(NetworkJson.toMap(n), "") + "\n";
      Files.writeString(tmp, text);
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(tmp, file(n.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (cni) {
        Network back = io.jpod.core.network.backend.cni.CniConfList.parse(text, changed(file(n.name())));
        return back == null ? n : back;
      }
      return n;
    } catch (IOException e) {
      throw JpodException.system("writing network config for " + n.name() + ": " + e.getMessage(), e);
    }
  }

  /** A file's status-change time, which podman shows as a conflist network's creation time. */
  private static String changed(Path f) throws IOException {
    var t = (java.nio.file.attribute.FileTime) Files.getAttribute(f, "unix:ctime");
    return rfc3339(t.toInstant());
  }

  public void delete(Network n) {
    try {
      Files.deleteIfExists(file(n.name()));
    } catch (IOException e) {
      throw JpodException.system("removing network config for " + n.name() + ": " + e.getMessage(), e);
    }
  }

  private Path file(String name) {
    return dir().resolve(name + (cni ? ".conflist" : ".json"));
  }

  /** Go's RFC 3339 with nanoseconds: trailing zeros of the fraction dropped. */
  static String rfc3339(Instant t) {
    String s = t.toString();
    int dot = s.indexOf('.');
    if (dot < 0) {
      return s;
    }
    String frac = s.substring(dot + 1, s.length() - 1).replaceAll("0+$", "");
    return s.substring(0, dot) + (frac.isEmpty() ? "" : "." + frac) + "Z";
  }
}
