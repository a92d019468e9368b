package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Resource limits with real containers: cgroup files, OOM kills, pids and CPU throttling, update, stats. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LimitsIT extends JpodTestBase {
  private static final Path CGROUP = Path.of("/sys/fs/cgroup");
  private static final boolean UNIFIED = Files.exists(CGROUP.resolve("cgroup.controllers"));

  /** A file of the container's cgroup: v1 controller dir, or the unified dir on v2. */
  private static String cgroupFile(String id, String controller, String v1File, String v2File) throws Exception {
    String rel = "libpod_parent/libpod-" + id;
    Path p = UNIFIED ? CGROUP.resolve(rel).resolve(v2File) : CGROUP.resolve(controller).resolve(rel).resolve(v1File);
    return Files.readString(p).strip();
  }

  private static long statValue(String text, String key) {
    for (String line : text.split("\n")) {
      if (line.startsWith(key + " ")) {
        return Long.parseLong(line.substring(key.length() + 1).strip());
      }
    }
    return -1;
  }

  @Test
  void limitsReachTheCgroupAndUpdateChangesThemLive() throws Exception {
    String name = uniqueName("lim");
    assertThat(jpod("run", "-d", "--name", name, "--memory", "64m", "--cpus", "0.5", "--cpuset-cpus", "0",
        "--pids-limit", "50", "--cpu-shares", "512", busybox.NAME, "sleep", "300")).exitsCleanly();
    String id = id(name);
    assertThat(cgroupFile(id, "memory", "memory.limit_in_bytes", "memory.max")).isEqualTo("67108864");
    assertThat(cgroupFile(id, "pids", "pids.max", "pids.max")).isEqualTo("50");
    assertThat(cgroupFile(id, "cpuset", "cpuset.cpus", "cpuset.cpus")).isEqualTo("0");
    if (!UNIFIED) {
      assertThat(cgroupFile(id, "cpu", "cpu.cfs_quota_us", "")).isEqualTo("50000");
      assertThat(cgroupFile(id, "cpu", "cpu.shares", "")).isEqualTo("512");
    }
    assertThat(inspect(name, "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} "
        + "{{.HostConfig.CpuQuota}} {{.HostConfig.CpuPeriod}} {{.HostConfig.CpusetCpus}} {{.HostConfig.PidsLimit}}"))
        .isEqualTo("67108864 134217728 500000000 50000 100000 0 50");

    assertThat(jpod("update", "--memory", "128m", "--pids-limit", "70", name)).exitsCleanly().stdoutContains(id);
    assertThat(cgroupFile(id, "memory", "memory.limit_in_bytes", "memory.max")).isEqualTo("134217728");
    assertThat(cgroupFile(id, "pids", "pids.max", "pids.max")).isEqualTo("70");
    assertThat(inspect(name, "{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}")).isEqualTo("134217728 70");
    assertThat(jpod("update", "--memory", "1m", name)).exitedWith(125)
        .stderrContains("Minimum memory limit allowed is 6MB");

    // a restart keeps the updated limits
    assertThat(jpod("restart", "-t", "0", name)).exitsCleanly();
    assertThat(cgroupFile(id, "memory", "memory.limit_in_bytes", "memory.max")).isEqualTo("134217728");

    CliResult stats = jpod("stats", "--no-stream", name);
    assertThat(stats).exitsCleanly();
    assertThat(stats.lines().getFirst()).startsWith("ID").contains("CPU %", "MEM USAGE / LIMIT", "NET IO", "BLOCK IO",
        "PIDS");
    assertThat(stats.lines().get(1)).startsWith(id.substring(0, 12)).contains(name, "/ 134.2MB");
    CliResult json = jpod("stats", "--no-stream", "--format", "json", name);
    assertThat(json).exitsCleanly().stdoutContains("\"mem_usage\"").stdoutContains("\"pids\": \"1\"");
  }

  @Test
  void memoryHogIsOomKilledAndReported() {
    String name = uniqueName("oom");
    CliResult r = jpod("run", "--name", name, "--memory", "10m", "--memory-swap", "10m", busybox.NAME,
        "tail", "/dev/zero");
    assertThat(r).exitedWith(137);
    assertThat(inspect(name, "{{.State.OOMKilled}} {{.State.ExitCode}}")).isEqualTo("true 137");
  }

  @Test
  void pidsLimitStopsAForkBomb() {
    CliResult r = jpod("run", "--rm", "--pids-limit", "10", busybox.NAME, "sh", "-c",
        "i=0; while [ $i -lt 30 ]; do sleep 3 & i=$((i+1)); done; echo spawned");
    assertThat(r.err() + r.out()).contains("can't fork");
  }

  @Test
  void halfACpuThrottlesABusyLoop() throws Exception {
    String name = uniqueName("cpu");
    assertThat(jpod("run", "-d", "--name", name, "--cpus", "0.5", busybox.NAME, "sh", "-c", "while :; do :; done"))
        .exitsCleanly();
    String id = id(name);
    assertThat(waitFor(java.time.Duration.ofSeconds(10), () -> {
      try {
        return statValue(cgroupFile(id, "cpu", "cpu.stat", "cpu.stat"), "nr_throttled") > 3;
      } catch (Exception e) {
        return false;
      }
    })).as("the busy loop gets throttled").isTrue();
    String stat = cgroupFile(id, "cpu", "cpu.stat", "cpu.stat");
    assertThat(Math.max(statValue(stat, "throttled_time"), statValue(stat, "throttled_usec"))).isPositive();
  }

  @Test
  void badLimitsCreateNothing() {
    String[][] bad = {
        {"--memory", "1m"}, {"--memory", "abc"}, {"--cpus", "abc"}, {"--cpuset-cpus", "999"},
        {"--memory", "20m", "--memory-swap", "10m"}, {"--memory-swappiness", "200"},
        {"--device-read-bps", "/dev/jpod-nope:1mb"}, {"--cpus", "1", "--cpu-quota", "5000"},
    };
    for (String[] flags : bad) {
      String[] args = new String[flags.length + 4];
      args[0] = "run";
      args[1] = "--rm";
      System.arraycopy(flags, 0, args, 2, flags.length);
      args[flags.length + 2] = busybox.NAME;
      args[flags.length + 3] = "true";
      assertThat(jpod(args)).exitedWith(125).singleErrorLine();
    }
    assertThat(jpod("ps", "-aq")).exitsCleanly().stdoutIs("");
  }
}
