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
 * The network definitions: one {@code <name>.json} per user network in the config dir, plus the
 * default network, which podman builds in memory unless a file of that name exists.
 */
public final class NetworkStore {
  private final NetworkOptions options;

  public NetworkStore(NetworkOptions options) {
    this.options = options;
  }

  public Path dir() {
    return options.configDir();
  }

  /** The built-in default network: bridge podman0 on the default subnet, no DNS (as Docker's). */
  public Network builtinDefault() {
    Cidr c = Cidr.parse(options.defaultSubnet());
    return new Network(options.defaultNetwork(), Network.DEFAULT_ID, "bridge", "podman0", rfc3339(Instant.now()),
        List.of(new Network.Subnet(c.toString(), Cidr.format(c.host(1)), null, null)), false, false, false,
        Map.of(), Map.of(), "host-local");
  }

  /** Every network, sorted by name as {@code network ls} shows them. */
  public List<Network> list() {
    List<Network> all = new ArrayList<>();
    boolean defaultOnDisk = false;
    if (Files.isDirectory(dir())) {
      try (Stream<Path> s = Files.list(dir())) {
        for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
          Network n = NetworkJson.parse(Files.readString(f), f.toString());
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

  /** Writes a new definition (atomically: a half-written file is never seen). */
  public void write(Network n) {
    try {
      Files.createDirectories(dir());
      Path tmp = Files.createTempFile(dir(), "." + n.name(), ".tmp");
      Files.writeString(tmp, NetworkJson.indent(NetworkJson.toMap(n), "") + "\n");
      Files.move(tmp, file(n.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw JpodException.system("writing network config for " + n.name() + ": " + e.getMessage(), e);
    }
  }

  public void delete(Network n) {
    try {
      Files.deleteIfExists(file(n.name()));
    } catch (IOException e) {
      throw JpodException.system("removing network config for " + n.name() + ": " + e.getMessage(), e);
    }
  }

  private Path file(String name) {
    return dir().resolve(name + ".json");
  }

  static String rfc3339(Instant t) {
    return t.toString();
  }
}
