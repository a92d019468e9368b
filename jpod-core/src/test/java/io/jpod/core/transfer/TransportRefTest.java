package io.jpod.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TransportRefTest {
  @Test
  void parsesPodmansTransports() {
    assertThat(TransportRef.parse("docker://quay.io/a/b:1")).isEqualTo(new TransportRef.Docker("quay.io/a/b:1"));
    assertThat(TransportRef.parse("docker-archive:/tmp/x.tar")).isEqualTo(new TransportRef.DockerArchive(Path.of("/tmp/x.tar"), null));
    assertThat(TransportRef.parse("docker-archive:/tmp/x.tar:@1")).isEqualTo(new TransportRef.DockerArchive(Path.of("/tmp/x.tar"), "@1"));
    assertThat(TransportRef.parse("oci:/tmp/dir:v1")).isEqualTo(new TransportRef.OciDir(Path.of("/tmp/dir"), "v1"));
    assertThat(TransportRef.parse("oci-archive:/tmp/o.tar")).isEqualTo(new TransportRef.OciArchive(Path.of("/tmp/o.tar"), null));
    assertThat(TransportRef.parse("busybox")).isEqualTo(new TransportRef.Plain("busybox"));
    assertThat(TransportRef.parse("localhost:5000/x:1")).isEqualTo(new TransportRef.Plain("localhost:5000/x:1"));
  }

  @Test
  void refusesWhatJpodCannotDo() {
    assertThatThrownBy(() -> TransportRef.parse("docker-daemon:busybox")).hasMessageContaining("unsupported transport");
    assertThatThrownBy(() -> TransportRef.parse("docker://")).hasMessageContaining("empty image name");
    assertThatThrownBy(() -> TransportRef.parse("oci:")).hasMessageContaining("no path");
  }
}
