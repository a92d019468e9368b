package io.jpod.cli.container;

import io.jpod.core.resources.ResourceParser;
import io.jpod.core.resources.ResourceRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** podman's resource-limit flags, shared by {@code create}, {@code run} and {@code update}. */
public final class ResourceFlags {
  @Option(names = {"-m", "--memory"}, description = "Memory limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))") String memory;
  @Option(names = "--memory-reservation", description = "Memory soft limit (format: <number>[<unit>], where unit = b (bytes), k (kibibytes), m (mebibytes), or g (gibibytes))") String memoryReservation;
  @Option(names = "--memory-swap", description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap") String memorySwap;
  @Option(names = "--memory-swappiness", description = "Tune container memory swappiness (0 to 100, or -1 for system default)") Long memorySwappiness;
  @Option(names = "--oom-kill-disable", description = "Disable OOM Killer") Boolean oomKillDisable;
  @Option(names = "--oom-score-adj", description = "Tune the host's OOM preferences (-1000 to 1000)") Integer oomScoreAdj;
  @Option(names = "--cpus", description = "Number of CPUs. The default is 0.000 which means no limit") String cpus;
  @Option(names = {"-c", "--cpu-shares"}, converter = io.jpod.cli.GoFlags.Uint64.class, description = "CPU shares (relative weight)") Long cpuShares;
  @Option(names = "--cpu-period", converter = io.jpod.cli.GoFlags.Uint64.class, description = "Limit the CPU CFS (Completely Fair Scheduler) period") Long cpuPeriod;
  @Option(names = "--cpu-quota", description = "Limit the CPU CFS (Completely Fair Scheduler) quota") Long cpuQuota;
  @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)") String cpusetCpus;
  @Option(names = "--cpuset-mems", description = "Memory nodes (MEMs) in which to allow execution (0-3, 0,1). Only effective on NUMA systems.") String cpusetMems;
  @Option(names = "--blkio-weight", description = "Block IO weight (relative weight) accepts a weight value between 10 and 1000.") Integer blkioWeight;
  @Option(names = "--device-read-bps", description = "Limit read rate (bytes per second) from a device (e.g. --device-read-bps=/dev/sda:1mb)") List<String> deviceReadBps = new ArrayList<>();
  @Option(names = "--device-write-bps", description = "Limit write rate (bytes per second) to a device (e.g. --device-write-bps=/dev/sda:1mb)") List<String> deviceWriteBps = new ArrayList<>();
  @Option(names = "--pids-limit", description = "Tune container pids limit (set -1 for unlimited)") Long pidsLimit;

  /** The flags as given, checked early so a bad value fails before any image pull. */
  public ResourceRequest request(String shmSize) {
    var r = new ResourceRequest(memory, memoryReservation, memorySwap, memorySwappiness, oomKillDisable, oomScoreAdj,
        cpus, cpuShares, cpuPeriod, cpuQuota, cpusetCpus, cpusetMems, blkioWeight, deviceReadBps, deviceWriteBps,
        shmSize);
    new ResourceParser(ResourceParser.Host.system()).parse(r);
    ResourceParser.shmSize(r, 0);
    return r;
  }

  /** {@code --pids-limit}: null when not given, 0 (no limit) for -1. */
  public Long pidsLimit() {
    return pidsLimit == null ? null : (pidsLimit < 0 ? 0 : pidsLimit);
  }
}
