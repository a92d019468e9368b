package io.jpod.core.spec;

import io.jpod.core.resources.ResourceConfig;
import java.util.List;

/**
 * The OCI {@code linux.resources} for a container's limits, in the fields podman 4.3.1 writes; runc
 * translates the same fields to cgroup v1 or v2 files, so one form serves both.
 */
public final class ResourceSpec {
  private ResourceSpec() {}

  /** The full resources of config.json: the deny-all device rule plus the limits. */
  public static RuntimeSpec.Resources forCreate(ResourceConfig r, long pidsLimit) {
    return new RuntimeSpec.Resources(
        List.of(new RuntimeSpec.DeviceRule(false, null, null, null, "rwm")),
        memory(r), cpu(r), pidsLimit > 0 ? new RuntimeSpec.Pids(pidsLimit) : null, blockIO(r));
  }

  /** What {@code runc update --resources -} gets: limits only, devices untouched. */
  public static RuntimeSpec.Resources forUpdate(ResourceConfig r, long pidsLimit) {
    // -1 lifts a limit (runc writes "max"); leaving pids out would keep the old one.
    return new RuntimeSpec.Resources(null, memory(r), cpu(r), new RuntimeSpec.Pids(pidsLimit > 0 ? pidsLimit : -1),
        blockIO(r));
  }

  static RuntimeSpec.Memory memory(ResourceConfig r) {
    if (r.memory() == 0 && r.memoryReservation() == 0 && r.memorySwap() == 0 && r.memorySwappiness() == null
        && !r.oomKillDisable()) {
      return null;
    }
    return new RuntimeSpec.Memory(pos(r.memory()), pos(r.memoryReservation()),
        r.memorySwap() == 0 ? null : r.memorySwap(), r.memorySwappiness(), r.oomKillDisable() ? Boolean.TRUE : null);
  }

  static RuntimeSpec.Cpu cpu(ResourceConfig r) {
    if (r.cpuShares() == 0 && r.cpuQuota() == 0 && r.cpuPeriod() == 0 && r.cpusetCpus().isEmpty()
        && r.cpusetMems().isEmpty()) {
      return null;
    }
    return new RuntimeSpec.Cpu(pos(r.cpuShares()), r.cpuQuota() == 0 ? null : r.cpuQuota(), pos(r.cpuPeriod()),
        r.cpusetCpus().isEmpty() ? null : r.cpusetCpus(), r.cpusetMems().isEmpty() ? null : r.cpusetMems());
  }

  static RuntimeSpec.BlockIO blockIO(ResourceConfig r) {
    // podman discards the weight when the host has no blkio.weight (it warns); runc would fail on it.
    Integer weight = r.blkioWeight() > 0 && weightSupported() ? r.blkioWeight() : null;
    if (weight == null && r.deviceReadBps().isEmpty() && r.deviceWriteBps().isEmpty()) {
      return null;
    }
    return new RuntimeSpec.BlockIO(weight, throttles(r.deviceReadBps()), throttles(r.deviceWriteBps()));
  }

  /** Whether the host's cgroups can weight block I/O (v1 blkio.weight, v2 io.weight / io.bfq.weight). */
  public static boolean weightSupported() {
    return java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/blkio/blkio.weight"))
        || java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/blkio/blkio.bfq.weight"))
        || java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/io.weight"))
        || java.nio.file.Files.exists(java.nio.file.Path.of("/sys/fs/cgroup/io.bfq.weight"));
  }

  private static List<RuntimeSpec.ThrottleDevice> throttles(List<ResourceConfig.DeviceRate> rates) {
    return rates.stream().map(d -> new RuntimeSpec.ThrottleDevice(d.major(), d.minor(), d.rate())).toList();
  }

  private static Long pos(long v) {
    return v > 0 ? v : null;
  }
}
