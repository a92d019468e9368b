package io.jpod.core.pod;

import io.jpod.core.network.NetworkRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code pod create} asks for (podman's PodSpecGenerator).
 *
 * @param name the pod's name; empty to generate one
 * @param labels {@code --label}
 * @param hostname {@code --hostname}
 * @param share {@code --share}: comma-separated namespaces, empty for podman's default (ipc,net,uts);
 *     a leading "+" adds to the default
 * @param infra {@code --infra} (default true)
 * @param infraImage {@code --infra-image} or containers.conf {@code infra_image}; empty for the
 *     built-in pause image
 * @param infraCommand {@code --infra-command}, replaces the infra image's entrypoint
 * @param infraName {@code --infra-name}; empty for {@code <podid[:12]>-infra}
 * @param confInfraCommand containers.conf {@code infra_command}, for infra images without a command
 * @param network the infra container's networking ({@code --network}, {@code -p}, {@code --dns}...)
 * @param exitPolicy {@code --exit-policy} (continue or stop)
 * @param ulimits ulimits for the infra container (containers.conf defaults apply anyway)
 * @param createCommand the command line
 * @param shmSize {@code --shm-size} of the infra container's /dev/shm, which members sharing its IPC
 *     namespace use too; empty for the default
 */
public record PodSpec(
    Optional<String> name,
    Map<String, String> labels,
    Optional<String> hostname,
    Optional<String> share,
    boolean infra,
    Optional<String> infraImage,
    Optional<String> infraCommand,
    Optional<String> infraName,
    String confInfraCommand,
    NetworkRequest network,
    String exitPolicy,
    List<String> ulimits,
    List<String> createCommand,
    Optional<String> shmSize) {

  public PodSpec {
    labels = Map.copyOf(labels);
    network = network == null ? NetworkRequest.defaults() : network;
    exitPolicy = exitPolicy == null || exitPolicy.isEmpty() ? "continue" : exitPolicy;
    confInfraCommand = confInfraCommand == null || confInfraCommand.isEmpty() ? "/pause" : confInfraCommand;
    ulimits = List.copyOf(ulimits);
    createCommand = List.copyOf(createCommand);
    shmSize = shmSize == null ? Optional.empty() : shmSize;
  }

  /** A pod with every setting default ({@code run --pod new:NAME}). */
  public static PodSpec named(String name, List<String> createCommand) {
    return new PodSpec(Optional.of(name), Map.of(), Optional.empty(), Optional.empty(), true, Optional.empty(),
        Optional.empty(), Optional.empty(), "/pause", NetworkRequest.defaults(), "continue", List.of(), createCommand,
        Optional.empty());
  }

  /** The same pod with the infra container's networking {@code n}. */
  public PodSpec withNetwork(NetworkRequest n) {
    return new PodSpec(name, labels, hostname, share, infra, infraImage, infraCommand, infraName, confInfraCommand, n,
        exitPolicy, ulimits, createCommand, shmSize);
  }

  /** The namespaces to share, validated and sorted as podman lists them. */
  public List<String> sharedNamespaces() {
    if (!infra) {
      return List.of();
    }
    return SharedNamespaces.parse(share.orElse(""));
  }
}
