package io.jpod.core.resources;

import io.jpod.common.JpodException;
import io.jpod.config.units.ByteSize;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Validates {@link ResourceRequest}s the way podman 4.3.1 does before creating anything, and turns them
 * into a {@link ResourceConfig}. The host's facts (online CPUs and memory nodes, device numbers) come
 * from a {@link Host} so the rules can be tested without the machine's.
 */
public final class ResourceParser {
  /** The kernel's (and podman's) smallest memory limit. */
  public static final long MIN_MEMORY = 6L * 1024 * 1024;
  /** The CFS period podman uses for {@code --cpus}. */
  public static final long DEFAULT_CPU_PERIOD = 100_000;

  /**
   * What the parser needs from the host.
   *
   * @param onlineCpus e.g. "0-1", from /sys/devices/system/cpu/online
   * @param onlineMems e.g. "0", from /sys/devices/system/node/online
   * @param device a device path's {major, minor}, empty when it does not exist
   */
  public record Host(String onlineCpus, String onlineMems, Function<String, Optional<long[]>> device) {
    public static Host system() {
      return new Host(read("/sys/devices/system/cpu/online", "0"), read("/sys/devices/system/node/online", "0"),
          ResourceParser::deviceNumbers);
    }

    private static String read(String file, String fallback) {
      try {
        return Files.readString(Path.of(file)).strip();
      } catch (IOException e) {
        return fallback;
      }
    }
  }

  private final Host host;

  public ResourceParser(Host host) {
    this.host = host;
  }

  /** The limits of a new container. */
  public ResourceConfig parse(ResourceRequest r) {
    return apply(ResourceConfig.none(), r, true);
  }

  /**
   * {@code base} with the flags given in {@code r} replacing its values ({@code update}); with
   * {@code create}, a memory limit without {@code --memory-swap} gets podman's default swap of twice it.
   */
  public ResourceConfig apply(ResourceConfig base, ResourceRequest r, boolean create) {
    long memory = r.memory() != null ? bytes(r.memory(), "memory") : base.memory();
    long reservation = r.memoryReservation() != null
        ? bytes(r.memoryReservation(), "memory-reservation") : base.memoryReservation();
    long swap = base.memorySwap();
    if (r.memorySwap() != null) {
      swap = r.memorySwap().strip().equals("-1") ? -1 : bytes(r.memorySwap(), "memory-swap");
    } else if (r.memory() != null && memory > 0 && (create || swap > 0)) {
      swap = 2 * memory; // podman's LimitToSwap
    }
    if (memory != 0 && memory < MIN_MEMORY) {
      throw JpodException.invalid("Minimum memory limit allowed is 6MB");
    }
    if (reservation != 0 && reservation < MIN_MEMORY) {
      throw JpodException.invalid("Minimum memory reservation allowed is 6MB");
    }
    if (swap > 0 && memory == 0) {
      throw JpodException.invalid("you must provide a memory limit when specifying a memory swap limit");
    }
    if (swap > 0 && swap < memory) {
      throw JpodException.invalid("minimum memoryswap limit should be larger than memory limit, see usage");
    }
    if (memory > 0 && reservation > memory) {
      throw JpodException.invalid("minimum memory limit cannot be less than memory reservation limit, see usage");
    }
    Long swappiness = r.memorySwappiness() != null && r.memorySwappiness() != -1
        ? r.memorySwappiness() : base.memorySwappiness();
    if (swappiness != null && (swappiness < 0 || swappiness > 100)) {
      throw JpodException.invalid("invalid value: " + swappiness + ", valid memory swappiness range is 0-100");
    }
    Integer oomScoreAdj = r.oomScoreAdj() != null ? r.oomScoreAdj() : base.oomScoreAdj();
    if (oomScoreAdj != null && (oomScoreAdj < -1000 || oomScoreAdj > 1000)) {
      throw JpodException.invalid("oom_score_adj must be between -1000 and 1000: " + oomScoreAdj);
    }
    boolean oomKillDisable = r.oomKillDisable() != null ? r.oomKillDisable() : base.oomKillDisable();

    long shares = r.cpuShares() != null ? r.cpuShares() : base.cpuShares();
    if (shares < 0) {
      throw JpodException.invalid("invalid value for cpu-shares: " + shares);
    }
    long period = base.cpuPeriod();
    long quota = base.cpuQuota();
    long nanoCpus = base.nanoCpus();
    if (r.cpus() != null) {
      if (r.cpuQuota() != null || r.cpuPeriod() != null) {
        throw JpodException.invalid("--cpu-period and --cpus cannot be set together".replace(
            "--cpu-period", r.cpuQuota() != null ? "--cpu-quota" : "--cpu-period"));
      }
      BigDecimal cpus;
      try {
        cpus = new BigDecimal(r.cpus().strip());
      } catch (NumberFormatException e) {
        throw JpodException.invalid("invalid argument \"" + r.cpus() + "\" for \"--cpus\" flag: strconv.ParseFloat: parsing \""
            + r.cpus() + "\": invalid syntax");
      }
      if (cpus.signum() < 0) {
        throw JpodException.invalid("invalid value for cpus: " + r.cpus() + ": must be 0 or greater");
      }
      int online = parseCpuList(host.onlineCpus(), "").size();
      if (online > 0 && cpus.compareTo(BigDecimal.valueOf(online)) > 0) {
        throw JpodException.invalid("range of CPUs is from 0.01 to " + online + ".00, as there are only "
            + online + " CPUs available");
      }
      nanoCpus = cpus.movePointRight(9).longValue();
      if (nanoCpus == 0) {
        period = 0;
        quota = 0;
      } else {
        period = DEFAULT_CPU_PERIOD;
        quota = cpus.multiply(BigDecimal.valueOf(DEFAULT_CPU_PERIOD)).longValue();
        if (quota < 1000) {
          throw JpodException.invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }
      }
    } else {
      if (r.cpuPeriod() != null) {
        period = r.cpuPeriod();
        nanoCpus = 0;
        if (period != 0 && (period < 1000 || period > 1_000_000)) {
          throw JpodException.invalid("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }
      }
      if (r.cpuQuota() != null) {
        quota = r.cpuQuota();
        nanoCpus = 0;
        if (quota > 0 && quota < 1000) {
          throw JpodException.invalid("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }
      }
    }
    String cpusetCpus = r.cpusetCpus() != null ? r.cpusetCpus().strip() : base.cpusetCpus();
    checkSubset(cpusetCpus, host.onlineCpus(), "CPUs");
    String cpusetMems = r.cpusetMems() != null ? r.cpusetMems().strip() : base.cpusetMems();
    checkSubset(cpusetMems, host.onlineMems(), "memory nodes");
    int weight = r.blkioWeight() != null ? r.blkioWeight() : base.blkioWeight();
    if (weight != 0 && (weight < 10 || weight > 1000)) {
      throw JpodException.invalid("invalid value for blkio-weight: " + weight + ": range is from 10 to 1000");
    }
    List<ResourceConfig.DeviceRate> read = r.deviceReadBps().isEmpty()
        ? base.deviceReadBps() : rates(r.deviceReadBps());
    List<ResourceConfig.DeviceRate> write = r.deviceWriteBps().isEmpty()
        ? base.deviceWriteBps() : rates(r.deviceWriteBps());
    return new ResourceConfig(memory, reservation, swap, swappiness, oomKillDisable, oomScoreAdj, shares, period,
        quota, nanoCpus, cpusetCpus, cpusetMems, weight, read, write);
  }

  /** {@code --shm-size}, or {@code dflt} when not given. */
  public static long shmSize(ResourceRequest r, long dflt) {
    if (r.shmSize() == null) {
      return dflt;
    }
    long v = bytes(r.shmSize(), "shm-size");
    if (v <= 0) {
      throw JpodException.invalid("invalid argument \"" + r.shmSize() + "\" for \"--shm-size\" flag: size must be greater than 0");
    }
    return v;
  }

  static long bytes(String text, String flag) {
    try {
      return ByteSize.parse(text.strip());
    } catch (JpodException e) {
      // podman 4.3's wording: the memory flags share one message, --shm-size has its own
      if (flag.startsWith("memory")) {
        throw JpodException.invalid("invalid value for memory: " + e.getMessage());
      }
      if (flag.equals("shm-size")) {
        throw JpodException.invalid("unable to translate --shm-size: " + e.getMessage());
      }
      throw JpodException.invalid("invalid argument \"" + text + "\" for \"--" + flag + "\" flag: " + e.getMessage());
    }
  }

  private List<ResourceConfig.DeviceRate> rates(List<String> specs) {
    List<ResourceConfig.DeviceRate> out = new ArrayList<>();
    for (String s : specs) {
      int colon = s.lastIndexOf(':');
      if (colon <= 0) {
        throw JpodException.invalid("invalid device rate \"" + s + "\": must be PATH:RATE");
      }
      String path = s.substring(0, colon);
      long rate;
      try {
        rate = ByteSize.parse(s.substring(colon + 1));
      } catch (JpodException e) {
        throw JpodException.invalid("invalid rate for device: " + s + ". The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb");
      }
      long[] nums = host.device().apply(path).orElseThrow(() -> JpodException.invalid(
          "could not parse throttle device at " + path + ": no such file or directory"));
      out.add(new ResourceConfig.DeviceRate(path, nums[0], nums[1], rate));
    }
    return out;
  }

  private static void checkSubset(String requested, String available, String what) {
    if (requested.isEmpty()) {
      return;
    }
    TreeSet<Integer> want = parseCpuList(requested, what);
    TreeSet<Integer> have = parseCpuList(available, what);
    if (!have.containsAll(want)) {
      throw JpodException.invalid("requested " + what + " are not available - requested " + requested
          + ", available: " + available);
    }
  }

  /** A kernel list such as "0-3,5"; throws for malformed input. */
  public static TreeSet<Integer> parseCpuList(String list, String what) {
    TreeSet<Integer> out = new TreeSet<>();
    if (list.isBlank()) {
      return out;
    }
    for (String part : list.strip().split(",")) {
      try {
        int dash = part.indexOf('-');
        if (dash < 0) {
          out.add(Integer.parseInt(part.strip()));
        } else {
          int from = Integer.parseInt(part.substring(0, dash).strip());
          int to = Integer.parseInt(part.substring(dash + 1).strip());
          if (from > to || from < 0) {
            throw new NumberFormatException();
          }
          for (int i = from; i <= to; i++) {
            out.add(i);
          }
        }
      } catch (NumberFormatException e) {
        throw JpodException.invalid("invalid format for " + (what.isEmpty() ? "cpuset" : what) + ": \"" + list + "\"");
      }
    }
    return out;
  }

  /** The {major, minor} of a device node, decoded from Linux's dev_t. */
  static Optional<long[]> deviceNumbers(String path) {
    try {
      Object rdev = Files.getAttribute(Path.of(path), "unix:rdev");
      long dev = ((Number) rdev).longValue();
      long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
      long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
      return Optional.of(new long[] {major, minor});
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
