package io.jpod.core.network.backend;

import io.jpod.core.network.Network;
import io.jpod.core.network.NetworkStatus;
import io.jpod.core.network.PortMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What wires containers to networks, as containers.conf's {@code network_backend} picks it: netavark
 * (addresses allocated by jpod) or the CNI plugins (addresses from host-local's own state).
 */
public interface NetworkBackend {
  /** "netavark" or "cni", as {@code podman info} names it. */
  String name();

  /**
   * One network of a container as the backend needs it.
   *
   * @param network the definition
   * @param staticIps at setup the requested addresses (empty: allocate one); at teardown those it got
   * @param staticMac the requested MAC address, or null
   * @param aliases DNS names besides the container's name (its short id included)
   * @param interfaceName eth0, eth1...
   */
  record Wire(Network network, List<String> staticIps, String staticMac, List<String> aliases, String interfaceName) {
    public Wire {
      staticIps = List.copyOf(staticIps);
      aliases = List.copyOf(aliases);
    }
  }

  /** A container's identity and published ports, the same for all its networks. */
  record Container(String id, String name, List<PortMapping> ports) {
    public Container {
      ports = List.copyOf(ports);
    }
  }

  /**
   * Wires the namespace to {@code networks}; per network name, what the container got. On failure
   * nothing of this call is left behind.
   */
  Map<String, NetworkStatus.Result> setup(Path netns, Container ctr, List<Wire> networks);

  /** Undoes {@link #setup} for {@code networks}; tolerant of parts already gone. */
  void teardown(Path netns, Container ctr, List<Wire> networks);

  /**
   * Forgets whatever the container still holds on {@code network} (every network when null) after
   * its teardown or when it is removed: address allocations, and what a jpod killed half-way left.
   */
  void release(String containerId, String network);

  /** After a reboot no container holds anything: forgets the allocations of {@code containerIds}. */
  void forgetAll(List<String> containerIds);

  /** A network's definition is gone ({@code network rm}): what the backend keeps of it on the host goes too. */
  default void removed(Network network) {}
}
