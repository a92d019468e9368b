package io.jpod.cli.container;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsCommandTest {
  @Test
  void durationsPrintLikeGo() {
    assertThat(StatsCommand.goDuration(0)).isEqualTo("0s");
    assertThat(StatsCommand.goDuration(80_249_570)).isEqualTo("80.24957ms");
    assertThat(StatsCommand.goDuration(3_829_618_704L)).isEqualTo("3.829618704s");
    assertThat(StatsCommand.goDuration(61_500_000_000L)).isEqualTo("1m1.5s");
    assertThat(StatsCommand.goDuration(3_600_000_000_000L)).isEqualTo("1h0m0s");
    assertThat(StatsCommand.goDuration(1500)).isEqualTo("1.5µs");
  }

  @Test
  void binarySizes() {
    assertThat(StatsCommand.binary(651264)).isEqualTo("636KiB");
    assertThat(StatsCommand.binary(64L << 20)).isEqualTo("64MiB");
    assertThat(StatsCommand.binary(0)).isEqualTo("0B");
  }
}
