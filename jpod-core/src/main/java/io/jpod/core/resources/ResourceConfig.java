package io.jpod.core.resources;

import java.util.List;

/**
 * The container's cgroup limits as stored in its config; 0 (or null, empty) means "not set".
 *
 * @param memory memory limit in bytes
 * @param memoryReservation soft limit in bytes
 * @param memorySwap memory+swap limit in bytes, -1 unlimited
 * @param memorySwappiness 0-100, or null for the kernel's
 * @param oomKillDisable disable the OOM killer for the container
 * @param oomScoreAdj the process's oom_score_adj, or null
 * @param cpuShares relative CPU weight
 * @param cpuPeriod CFS period in microseconds
 * @param cpuQuota CFS quota in microseconds
 * @param nanoCpus {@code --cpus} times 1e9, as podman's inspect shows it
 * @param cpusetCpus the CPUs allowed, e.g. "0-1"
 * @param cpusetMems the memory nodes allowed
 * @param blkioWeight 10-1000
 * @param deviceReadBps read throttles
 * @param deviceWriteBps write throttles
 */
public record ResourceConfig(
    long memory,
    long memoryReservation,
    long memorySwap,
    Long memorySwappiness,
    boolean oomKillDisable,
    Integer oomScoreAdj,
    long cpuShares,
    long cpuPeriod,
    long cpuQuota,
    long nanoCpus,
    String cpusetCpus,
    String cpusetMems,
    int blkioWeight,
    List<DeviceRate> deviceReadBps,
    List<DeviceRate> deviceWriteBps) {

  public ResourceConfig {
    cpusetCpus = cpusetCpus == null ? "" : cpusetCpus;
    cpusetMems = cpusetMems == null ? "" : cpusetMems;
    deviceReadBps = deviceReadBps == null ? List.of() : List.copyOf(deviceReadBps);
    deviceWriteBps = deviceWriteBps == null ? List.of() : List.copyOf(deviceWriteBps);
  }

  public static ResourceConfig none() {
    return new ResourceConfig(0, 0, 0, null, false, null, 0, 0, 0, 0, "", "", 0, List.of(), List.of());
  }

  /** A throttle on one block device: {@code path} as given, its numbers, bytes per second. */
  public record DeviceRate(String path, long major, long minor, long rate) {}
}
