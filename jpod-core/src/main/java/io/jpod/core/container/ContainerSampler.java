package io.jpod.core.container;

import io.jpod.core.Libpod;
import io.jpod.core.cgroup.CgroupStats;
import io.jpod.core.cgroup.NetDev;
import io.jpod.core.state.ContainerRecord;
import java.nio.file.Path;
import java.time.Instant;

/** Reads a container's resource counters for {@code stats}: its cgroup, and its network namespace. */
public final class ContainerSampler {
  private final Libpod libpod;

  public ContainerSampler(Libpod libpod) {
    this.libpod = libpod;
  }

  /** One sample; a container that is not running samples as zeros. */
  public Sample sample(ContainerRecord rec) {
    Instant now = Instant.now();
    ContainerConfig cfg = rec.config();
    if (!rec.state().status().isAlive() || rec.state().pid() <= 0) {
      return new Sample(rec, new CgroupStats(0, 0, 0, 0, 0, 0, 0, 0), new NetDev(0, 0), now);
    }
    CgroupStats cg = libpod.cgroups().stats(cgroupPath(cfg));
    NetDev net = "host".equals(cfg.networkMode())
        ? new NetDev(0, 0)
        : NetDev.read(Path.of("/proc", Long.toString(rec.state().pid()), "net", "dev"));
    return new Sample(rec, cg, net, now);
  }

  /** The cgroupfs path the runtime created for the container (see SpecGenerator.cgroupsPath). */
  public static String cgroupPath(ContainerConfig cfg) {
    String parent = cfg.cgroupParent() == null || cfg.cgroupParent().isEmpty() ? "/libpod_parent" : cfg.cgroupParent();
    return (parent.endsWith("/") ? parent : parent + "/") + "libpod-" + cfg.id();
  }

  /** A container's counters at {@code at}. */
  public record Sample(ContainerRecord container, CgroupStats cgroup, NetDev net, Instant at) {}
}
