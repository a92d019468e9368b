package io.jpod.core.container;

import io.jpod.core.network.NetworkConfig;
import io.jpod.core.volume.MountConfig;
import java.util.List;

/**
 * Where a new container sits, as the network, volume and pod services decided it before its config is
 * built.
 *
 * @param network resolved networking
 * @param mounts resolved mounts
 * @param podId the pod it joins, or null
 * @param namespaces ipc/uts/pid modes
 * @param cgroupParent the cgroup parent (the pod's when in a pod)
 * @param hostname the default hostname when the user gave none (the pod's name in a pod), or null for
 *     the short id
 */
public record ContainerPlacement(
    NetworkConfig network,
    List<MountConfig> mounts,
    String podId,
    NamespaceConfig namespaces,
    String cgroupParent,
    String hostname) {
  public ContainerPlacement {
    mounts = List.copyOf(mounts);
  }
}
