package io.jpod.core.network;

import java.util.List;

/**
 * A container's membership of one network, fixed at create (or {@code network connect}).
 *
 * @param network the network's name
 * @param staticIps requested addresses ({@code --ip}), empty to allocate at start
 * @param staticMac requested MAC address, or null
 * @param aliases DNS names besides the container's name
 * @param interfaceName the interface inside the container (eth0, eth1...)
 */
public record NetworkAttachment(
    String network, List<String> staticIps, String staticMac, List<String> aliases, String interfaceName) {
  public NetworkAttachment {
    staticIps = List.copyOf(staticIps);
    aliases = List.copyOf(aliases);
  }
}
