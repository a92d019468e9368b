package io.jpod.cli.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import io.jpod.core.pod.PodConfig;
import io.jpod.core.pod.PodRecord;
import io.jpod.core.pod.PodService.PodView;
import io.jpod.core.pod.PodState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** pod ps --filter semantics, and the size format of pod stats. */
class PodFilterTest {
  private static final String ID = "ab".repeat(32);

  private static PodView pod(String name, String status, Map<String, String> labels) {
    PodConfig c = new PodConfig(ID, name, labels, Instant.now(), List.of(), List.of("ipc", "net", "uts"), true,
        "/libpod_parent", "", "continue");
    return new PodView(new PodRecord(c, new PodState(c.cgroupPath(), null)), List.of(), status);
  }

  @Test
  void keysAreAndedValuesOred() {
    PodView web = pod("web-1", "Running", Map.of("team", "a"));
    assertThat(PodFilter.parse(List.of("name=web")).test(web)).isTrue();
    assertThat(PodFilter.parse(List.of("name=^db", "name=web")).test(web)).isTrue();
    assertThat(PodFilter.parse(List.of("name=web", "status=exited")).test(web)).isFalse();
    assertThat(PodFilter.parse(List.of("id=abab", "label=team=a")).test(web)).isTrue();
    assertThat(PodFilter.parse(List.of("label=team=b")).test(web)).isFalse();
    assertThat(PodFilter.parse(List.of("status=running", "ctr-number=0")).test(web)).isTrue();
  }

  @Test
  void badFiltersAreRefused() {
    assertThatThrownBy(() -> PodFilter.parse(List.of("colour=red"))).isInstanceOf(JpodException.class);
    assertThatThrownBy(() -> PodFilter.parse(List.of("status=sleeping"))).isInstanceOf(JpodException.class);
    assertThatThrownBy(() -> PodFilter.parse(List.of("name"))).isInstanceOf(JpodException.class);
  }

  @Test
  void sizesAsPodmanPrintsThem() {
    assertThat(PodStatsCommand.size(520_192)).isEqualTo("520.2kB");
    assertThat(PodStatsCommand.size(25_280_000_000L)).isEqualTo("25.28GB");
    assertThat(PodStatsCommand.size(999)).isEqualTo("999B");
  }
}
