package io.jpod.config.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UlimitTest {

  @ParameterizedTest
  @CsvSource({
    "nofile=1024:2048, nofile, 1024, 2048",
    "nofile=1024, nofile, 1024, 1024",
    "nproc=-1, nproc, -1, -1",
    "nproc=unlimited, nproc, -1, -1",
    "memlock=-1:-1, memlock, -1, -1",
    "core=0:-1, core, 0, -1",
    "core=100:unlimited, core, 100, -1",
    "stack=8192:8192, stack, 8192, 8192",
  })
  void parses(String in, String name, long soft, long hard) {
    assertThat(Ulimit.parse(in)).isEqualTo(new Ulimit(name, soft, hard));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "nofile | invalid ulimit argument: nofile",
        "bogus=1 | invalid ulimit type: bogus",
        "as=1 | invalid ulimit type: as",
        "nofile=2048:1024 | ulimit soft limit must be less than or equal to hard limit: 2048 > 1024",
        "nofile=-1:1024 | ulimit soft limit must be less than or equal to hard limit: unlimited > 1024",
        "nofile=1:2:3 | too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`",
        "nofile=abc | strconv.ParseInt: parsing \"abc\": invalid syntax",
        "nofile=-2 | invalid ulimit value: -2",
        "nofile= | strconv.ParseInt: parsing \"\": invalid syntax",
      })
  void rejects(String in, String message) {
    assertThatThrownBy(() -> Ulimit.parse(in)).isInstanceOf(JpodException.class).hasMessage(message);
  }

  @Test
  void rlimitTypeAndText() {
    Ulimit u = Ulimit.parse("nofile=1024:2048");
    assertThat(u.rlimitType()).isEqualTo("RLIMIT_NOFILE");
    assertThat(u.toString()).isEqualTo("nofile=1024:2048");
    assertThat(Ulimit.parse("nproc=unlimited").hardUnlimited()).isTrue();
  }
}
