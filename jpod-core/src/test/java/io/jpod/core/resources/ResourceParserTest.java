package io.jpod.core.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceParserTest {
  private static final ResourceParser PARSER = new ResourceParser(new ResourceParser.Host("0-1", "0",
      p -> Optional.ofNullable(Map.of("/dev/vda", new long[] {254, 0}).get(p))));

  private static ResourceRequest req(String memory, String swap, String cpus, String cpuset) {
    return new ResourceRequest(memory, null, swap, null, null, null, cpus, null, null, null, cpuset, null, null,
        List.of(), List.of(), null);
  }

  @Test
  void memoryUnitsAndDefaultSwapOfTwiceTheLimit() {
    var r = PARSER.parse(req("512m", null, null, null));
    assertThat(r.memory()).isEqualTo(512L << 20);
    assertThat(r.memorySwap()).isEqualTo(1024L << 20);
    assertThat(PARSER.parse(req("1g", "-1", null, null)).memorySwap()).isEqualTo(-1);
  }

  @Test
  void cpusBecomeQuotaOverTheDefaultPeriod() {
    var r = PARSER.parse(req(null, null, "1.5", null));
    assertThat(r.cpuPeriod()).isEqualTo(100_000);
    assertThat(r.cpuQuota()).isEqualTo(150_000);
    assertThat(r.nanoCpus()).isEqualTo(1_500_000_000L);
    assertThat(PARSER.parse(req(null, null, "0.5", null)).cpuQuota()).isEqualTo(50_000);
  }

  @Test
  void nonsenseIsRefusedWithPodmansWords() {
    assertThatThrownBy(() -> PARSER.parse(req("1m", null, null, null)))
        .isInstanceOf(JpodException.class).hasMessage("Minimum memory limit allowed is 6MB");
    assertThatThrownBy(() -> PARSER.parse(req("abc", null, null, null)))
        .hasMessageContaining("invalid value for memory: invalid size");
    assertThatThrownBy(() -> PARSER.parse(req("20m", "10m", null, null)))
        .hasMessage("minimum memoryswap limit should be larger than memory limit, see usage");
    assertThatThrownBy(() -> PARSER.parse(req(null, null, "abc", null)))
        .hasMessageContaining("strconv.ParseFloat: parsing \"abc\": invalid syntax");
    assertThatThrownBy(() -> PARSER.parse(req(null, null, null, "0-3")))
        .hasMessage("requested CPUs are not available - requested 0-3, available: 0-1");
    assertThatThrownBy(() -> PARSER.parse(new ResourceRequest(null, null, null, 200L, null, null, null, null, null,
        null, null, null, null, List.of(), List.of(), null)))
        .hasMessage("invalid value: 200, valid memory swappiness range is 0-100");
    assertThatThrownBy(() -> PARSER.parse(new ResourceRequest(null, null, null, null, null, null, "1", null, null,
        1000L, null, null, null, List.of(), List.of(), null)))
        .hasMessage("--cpu-quota and --cpus cannot be set together");
  }

  @Test
  void deviceThrottlesNeedAnExistingDevice() {
    var ok = new ResourceRequest(null, null, null, null, null, null, null, null, null, null, null, null, null,
        List.of("/dev/vda:1mb"), List.of(), null);
    var rate = PARSER.parse(ok).deviceReadBps().getFirst();
    assertThat(rate.major()).isEqualTo(254);
    assertThat(rate.rate()).isEqualTo(1 << 20);
    var bad = new ResourceRequest(null, null, null, null, null, null, null, null, null, null, null, null, null,
        List.of("/dev/nope:1mb"), List.of(), null);
    assertThatThrownBy(() -> PARSER.parse(bad))
        .hasMessage("could not parse throttle device at /dev/nope: no such file or directory");
  }

  @Test
  void updateKeepsWhatIsNotGiven() {
    var base = PARSER.parse(req("64m", null, "0.5", "0"));
    var updated = PARSER.apply(base, req("128m", null, null, null), false);
    assertThat(updated.memory()).isEqualTo(128L << 20);
    assertThat(updated.memorySwap()).isEqualTo(256L << 20);
    assertThat(updated.cpuQuota()).isEqualTo(50_000);
    assertThat(updated.cpusetCpus()).isEqualTo("0");
  }
}
