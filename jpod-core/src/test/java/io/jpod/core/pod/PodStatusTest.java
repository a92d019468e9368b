package io.jpod.core.pod;

import static io.jpod.core.container.ContainerStatus.CONFIGURED;
import static io.jpod.core.container.ContainerStatus.CREATED;
import static io.jpod.core.container.ContainerStatus.EXITED;
import static io.jpod.core.container.ContainerStatus.PAUSED;
import static io.jpod.core.container.ContainerStatus.RUNNING;
import static io.jpod.core.container.ContainerStatus.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** podman's pod status table (libpod createPodStatusResults). */
class PodStatusTest {
  @Test
  void statusFromContainerStates() {
    assertThat(PodStatus.of(List.of())).isEqualTo("Created");
    assertThat(PodStatus.of(List.of(CONFIGURED))).isEqualTo("Created");
    assertThat(PodStatus.of(List.of(CREATED, CONFIGURED))).isEqualTo("Created");
    assertThat(PodStatus.of(List.of(RUNNING, RUNNING))).isEqualTo("Running");
    assertThat(PodStatus.of(List.of(RUNNING, EXITED))).isEqualTo("Degraded");
    assertThat(PodStatus.of(List.of(RUNNING, CONFIGURED))).isEqualTo("Degraded");
    assertThat(PodStatus.of(List.of(PAUSED, PAUSED))).isEqualTo("Paused");
    assertThat(PodStatus.of(List.of(EXITED, STOPPED))).isEqualTo("Exited");
    assertThat(PodStatus.of(List.of(EXITED, CONFIGURED))).isEqualTo("Stopped");
    assertThat(PodStatus.of(List.of(PAUSED, EXITED))).isEqualTo("Stopped");
  }

  @Test
  void sharedNamespacesParse() {
    assertThat(SharedNamespaces.parse("")).containsExactly("ipc", "net", "uts");
    assertThat(SharedNamespaces.parse("+pid,cgroup")).containsExactly("cgroup", "ipc", "net", "pid", "uts");
    assertThat(SharedNamespaces.parse("network")).containsExactly("net");
  }
}
