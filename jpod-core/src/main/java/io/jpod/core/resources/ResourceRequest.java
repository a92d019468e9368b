package io.jpod.core.resources;

import java.util.List;

/**
 * The resource flags as the user typed them ({@code --memory 512m}, {@code --cpus 1.5}...); null means
 * "not given". {@link ResourceParser} validates and converts them.
 */
public record ResourceRequest(
    String memory,
    String memoryReservation,
    String memorySwap,
    Long memorySwappiness,
    Boolean oomKillDisable,
    Integer oomScoreAdj,
    String cpus,
    Long cpuShares,
    Long cpuPeriod,
    Long cpuQuota,
    String cpusetCpus,
    String cpusetMems,
    Integer blkioWeight,
    List<String> deviceReadBps,
    List<String> deviceWriteBps,
    String shmSize) {

  public ResourceRequest {
    deviceReadBps = deviceReadBps == null ? List.of() : List.copyOf(deviceReadBps);
    deviceWriteBps = deviceWriteBps == null ? List.of() : List.copyOf(deviceWriteBps);
  }

  public static ResourceRequest none() {
    return new ResourceRequest(null, null, null, null, null, null, null, null, null, null, null, null, null,
        List.of(), List.of(), null);
  }
}
