package io.jpod.core.pod;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything fixed when a pod is created; stored as JSON in PodConfig and never changed.
 *
 * @param id 64 hex characters, in the same id space as containers
 * @param name unique among pods and containers (podman shares one name space)
 * @param labels {@code --label}
 * @param created when the pod was created
 * @param createCommand the command line that created it
 * @param sharedNamespaces the namespaces members join through the infra container (ipc, net, uts,
 *     pid, cgroup), in podman's sorted order; empty without an infra container
 * @param infra whether the pod has an infra container
 * @param cgroupParent the parent of the pod's cgroup ({@code /libpod_parent})
 * @param hostname the {@code --hostname} given, or empty (members then use the pod's name)
 * @param exitPolicy continue or stop: what happens when only the infra container is left running
 */
public record PodConfig(
    String id,
    String name,
    Map<String, String> labels,
    Instant created,
    List<String> createCommand,
    List<String> sharedNamespaces,
    boolean infra,
    String cgroupParent,
    String hostname,
    String exitPolicy) {

  public PodConfig {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    createCommand = createCommand == null ? List.of() : List.copyOf(createCommand);
    sharedNamespaces = sharedNamespaces == null ? List.of() : List.copyOf(sharedNamespaces);
    hostname = hostname == null ? "" : hostname;
  }

  /** The pod's cgroup: {@code <parent>/<id>}. */
  public String cgroupPath() {
    return cgroupParent + "/" + id;
  }

  /** The hostname members and the infra container get: {@code --hostname}, else the pod's name. */
  public String effectiveHostname() {
    return hostname.isEmpty() ? name : hostname;
  }

  public boolean shares(String namespace) {
    return sharedNamespaces.contains(namespace);
  }

  public String shortId() {
    return id.substring(0, 12);
  }
}
