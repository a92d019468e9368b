package io.jpod.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.core.container.ContainerConfig.Rlimit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RlimitClampTest {
  private static final Map<String, Long> HOST =
      Map.of("RLIMIT_NOFILE", 20000L, "RLIMIT_NPROC", 96364L, "RLIMIT_CORE", -1L);

  @ParameterizedTest(name = "{0} {1}:{2} -> {3}:{4}")
  @CsvSource({
      "RLIMIT_NOFILE, 1024, 1024, 1024, 1024",
      "RLIMIT_NOFILE, 1048576, 1048576, 20000, 20000",
      "RLIMIT_NOFILE, 1024, 1048576, 1024, 20000",
      "RLIMIT_NOFILE, -1, -1, 20000, 20000",
      "RLIMIT_NOFILE, 30000, 10000, 10000, 10000",
      "nofile, 50000, 50000, 20000, 20000",
      "RLIMIT_CORE, -1, -1, -1, -1",
      "RLIMIT_MEMLOCK, 100, 200, 100, 200",
  })
  void clampsToHostHard(String type, long soft, long hard, long wantSoft, long wantHard) {
    var out = RlimitClamp.clamp(List.of(new Rlimit(type, soft, hard)), HOST::get, false);
    assertThat(out).containsExactly(new Rlimit(type, wantSoft, wantHard));
  }

  @Test
  void capSysResourceDisablesClamping() {
    var r = List.of(new Rlimit("RLIMIT_NOFILE", 1048576, 1048576));
    assertThat(RlimitClamp.clamp(r, HOST::get, true)).isEqualTo(r);
  }

  @Test
  void podmanDefaultsClamped() {
    assertThat(RlimitClamp.defaults(HOST::get, false, 32768)).containsExactly(
        new Rlimit("RLIMIT_NOFILE", 20000, 20000), new Rlimit("RLIMIT_NPROC", 32768, 32768));
    assertThat(RlimitClamp.defaults(HOST::get, true, 0)).containsExactly(
        new Rlimit("RLIMIT_NOFILE", 1048576, 1048576), new Rlimit("RLIMIT_NPROC", 4194304, 4194304));
    assertThat(RlimitClamp.withDefaults(List.of(new Rlimit("RLIMIT_NPROC", 1024, 1024)), HOST::get, false, 32768))
        .containsExactly(new Rlimit("RLIMIT_NPROC", 1024, 1024), new Rlimit("RLIMIT_NOFILE", 20000, 20000));
  }

  @Test
  void parsesProcLimits() {
    String text = """
        Limit                     Soft Limit           Hard Limit           Units     
        Max cpu time              unlimited            unlimited            seconds   
        Max processes             96364                96364                processes 
        Max open files            20000                20000                files     
        """;
    assertThat(RlimitClamp.parseProcLimits(text)).containsEntry("RLIMIT_NOFILE", 20000L)
        .containsEntry("RLIMIT_NPROC", 96364L).containsEntry("RLIMIT_CPU", -1L);
    assertThat(RlimitClamp.hostHardLimits()).containsKey("RLIMIT_NOFILE");
  }
}
