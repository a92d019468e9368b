package io.jpod.core.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupStatsTest {
  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void readsTheV1Controllers(@TempDir Path root) throws Exception {
    String g = "libpod_parent/libpod-x";
    write(root.resolve("memory").resolve(g).resolve("memory.usage_in_bytes"), "651264\n");
    write(root.resolve("memory").resolve(g).resolve("memory.limit_in_bytes"), "9223372036854771712\n");
    write(root.resolve("memory").resolve(g).resolve("memory.stat"), "cache 4096\ntotal_inactive_file 4096\n");
    write(root.resolve("cpuacct").resolve(g).resolve("cpuacct.usage"), "80249570\n");
    write(root.resolve("cpu").resolve(g).resolve("cpu.stat"), "nr_periods 57\nnr_throttled 24\nthrottled_time 354266815\n");
    write(root.resolve("blkio").resolve(g).resolve("blkio.throttle.io_service_bytes"),
        "254:0 Read 274432\n254:0 Write 8192\n254:0 Sync 0\n254:0 Total 282624\nTotal 282624\n");
    write(root.resolve("pids").resolve(g).resolve("pids.current"), "3\n");
    var s = CgroupStats.read(root, CgroupMode.HYBRID, "/" + g);
    assertThat(s).isEqualTo(new CgroupStats(80249570, 647168, 0, 274432, 8192, 3, 24, 354266815));
  }

  @Test
  void readsTheV2UnifiedFiles(@TempDir Path root) throws Exception {
    Path d = root.resolve("libpod_parent/libpod-x");
    write(d.resolve("memory.current"), "1048576\n");
    write(d.resolve("memory.max"), "67108864\n");
    write(d.resolve("memory.stat"), "anon 1000\ninactive_file 48576\n");
    write(d.resolve("cpu.stat"), "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 10\nnr_throttled 4\nthrottled_usec 2000\n");
    write(d.resolve("io.stat"), "254:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n8:0 rbytes=1 wbytes=0\n");
    write(d.resolve("pids.current"), "2\n");
    var s = CgroupStats.read(root, CgroupMode.V2, "/libpod_parent/libpod-x");
    assertThat(s).isEqualTo(new CgroupStats(1_500_000, 1_000_000, 67108864, 4097, 8192, 2, 4, 2_000_000));
    write(d.resolve("memory.max"), "max\n");
    assertThat(CgroupStats.read(root, CgroupMode.V2, "/libpod_parent/libpod-x").memoryLimit()).isZero();
  }

  @Test
  void netDevSkipsLoopback() {
    String text = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:     100       1    0    0    0     0          0         0      100       1    0    0    0     0       0          0
          eth0:    1166      12    0    0    0     0          0         0      516       6    0    0    0     0       0          0
        """;
    assertThat(NetDev.parse(text)).isEqualTo(new NetDev(1166, 516));
  }
}
