package io.jpod.core.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import io.jpod.core.container.ContainerConfig;
import io.jpod.storage.ImageConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitConfigTest {
  private static ContainerConfig container(List<String> entrypoint, List<String> cmd, List<String> env, String workDir,
      String user, Map<String, String> labels) {
    return new ContainerConfig("a".repeat(64), "c1", "b".repeat(64), "localhost/busybox:latest", null, entrypoint, cmd,
        env, workDir, user, "c1", false, false, false, null, false, labels, Map.of(), 15, 10, "runc", "k8s-file",
        "/tmp/ctr.log", -1, List.of(), List.of(), false, 0, "/libpod_parent", "enabled", 65536000L, Map.of(),
        io.jpod.core.network.NetworkConfig.of("bridge", null), "", Instant.parse("2026-12-01T00:00:00Z"),
        List.of("jpod", "create"), List.of(), null, null, null, null, null, null, null, null, null);
  }

  @Test
  void containerSettingsOverrideTheImagesAsPodmanCommitsThem() {
    ImageConfig.Config image = new ImageConfig.Config("nobody", Map.of("80/tcp", Map.of()),
        List.of("PATH=/bin", "A=image"), List.of("/entry"), List.of("image-cmd"), null, "/srv",
        Map.of("from", "image"), "SIGTERM");
    ContainerConfig c = container(List.of("/bin/sh"), List.of("-c", "echo hi"),
        List.of("PATH=/usr/bin:/bin", "TERM=xterm", "A=ctr"), "/tmp", "1000", Map.of("lab", "one"));

    ImageConfig.Config out = CommitConfig.from(image, c);

    assertThat(out.entrypoint()).containsExactly("/bin/sh");
    assertThat(out.cmd()).containsExactly("-c", "echo hi");
    // replaced in place, new keys appended
    assertThat(out.env()).containsExactly("PATH=/usr/bin:/bin", "A=ctr", "TERM=xterm");
    assertThat(out.workingDir()).isEqualTo("/tmp");
    assertThat(out.user()).isEqualTo("1000");
    assertThat(out.labels()).containsEntry("from", "image").containsEntry("lab", "one");
    assertThat(out.exposedPorts()).containsKey("80/tcp");
    assertThat(out.stopSignal()).isEqualTo("SIGTERM");
  }

  @Test
  void emptyContainerValuesKeepTheImagesOrNothing() {
    ContainerConfig c = container(List.of(), List.of(), List.of(), "", "", Map.of());
    ImageConfig.Config out = CommitConfig.from(null, c);
    assertThat(out.entrypoint()).isNull();
    assertThat(out.cmd()).isNull();
    assertThat(out.env()).isNull();
    assertThat(out.user()).isNull();
    assertThat(out.labels()).isNull();

    ImageConfig.Config image = new ImageConfig.Config("nobody", null, null, null, null, null, "/srv", null, null);
    assertThat(CommitConfig.from(image, c).user()).isEqualTo("nobody");
    assertThat(CommitConfig.from(image, c).workingDir()).isEqualTo("/srv");
  }
}
