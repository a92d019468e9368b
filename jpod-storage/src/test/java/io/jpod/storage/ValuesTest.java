package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.Json;
import io.jpod.common.JpodException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {
  private static final String HEX = "a".repeat(64);

  @Test
  void digestParsesAndPrints() {
    Digest d = Digest.parse("sha256:" + HEX);
    assertThat(d.hex()).isEqualTo(HEX);
    assertThat(d).hasToString("sha256:" + HEX);
    assertThat(Digest.of(new byte[0]).hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThatThrownBy(() -> Digest.parse(HEX)).isInstanceOf(JpodException.class);
    assertThatThrownBy(() -> Digest.parse("sha256:ABC")).isInstanceOf(JpodException.class);
    assertThatThrownBy(() -> new Digest("A".repeat(64))).isInstanceOf(JpodException.class);
  }

  @Test
  void namesNormalizeLikePodmanLocalNames() {
    assertThat(ImageNames.normalize("busybox")).isEqualTo("localhost/busybox:latest");
    assertThat(ImageNames.normalize("foo:1")).isEqualTo("localhost/foo:1");
    assertThat(ImageNames.normalize("x/y")).isEqualTo("localhost/x/y:latest");
    assertThat(ImageNames.normalize("quay.io/x/y")).isEqualTo("quay.io/x/y:latest");
    assertThat(ImageNames.normalize("localhost:5000/y:2")).isEqualTo("localhost:5000/y:2");
    assertThat(ImageNames.normalize("docker.io/alpine")).isEqualTo("docker.io/library/alpine:latest");
    assertThat(ImageNames.normalize("quay.io/x@sha256:" + HEX)).isEqualTo("quay.io/x@sha256:" + HEX);
    assertThatThrownBy(() -> ImageNames.normalize("Busybox")).isInstanceOf(JpodException.class);
    assertThatThrownBy(() -> ImageNames.normalize("a:b c")).isInstanceOf(JpodException.class);
  }

  @Test
  void changesApplyDockerfileInstructions() {
    ConfigChanges c = new ConfigChanges(Json.newMapper());
    ImageConfig.Config cfg = c.apply(null, List.of(
        "CMD [\"/bin/echo\", \"hi\"]", "ENTRYPOINT exec me", "ENV A=1 B=\"two words\"", "ENV C 3",
        "ENV A=x", "WORKDIR /srv", "WORKDIR app", "USER 1000:1000", "EXPOSE 80 53/udp",
        "LABEL k=v", "STOPSIGNAL SIGINT", "VOLUME [\"/data\"]", "VOLUME /cache"));
    assertThat(cfg.cmd()).containsExactly("/bin/echo", "hi");
    assertThat(cfg.entrypoint()).containsExactly("/bin/sh", "-c", "exec me");
    assertThat(cfg.env()).containsExactly("B=two words", "C=3", "A=x");
    assertThat(cfg.workingDir()).isEqualTo("/srv/app");
    assertThat(cfg.user()).isEqualTo("1000:1000");
    assertThat(cfg.exposedPorts()).containsOnlyKeys("80/tcp", "53/udp");
    assertThat(cfg.labels()).isEqualTo(Map.of("k", "v"));
    assertThat(cfg.stopSignal()).isEqualTo("SIGINT");
    assertThat(cfg.volumes()).containsOnlyKeys("/data", "/cache");
    assertThatThrownBy(() -> c.apply(null, List.of("FROM scratch")))
        .hasMessage("invalid change \"FROM scratch\" - invalid instruction FROM");
    assertThatThrownBy(() -> c.apply(null, List.of("ENV")))
        .isInstanceOf(JpodException.class);
  }

  @Test
  void configUsesOciKeyNames() throws Exception {
    ImageConfig.Config cfg = new ImageConfig.Config("u", null, List.of("A=1"), null, List.of("sh"), null,
        "/w", null, null);
    String json = Json.newMapper().writeValueAsString(new ImageConfig(null, null, "amd64", "linux", null,
        cfg, new ImageConfig.RootFs("layers", List.of("sha256:" + HEX)), null));
    assertThat(json).contains("\"User\":\"u\"", "\"Env\":[\"A=1\"]", "\"Cmd\":[\"sh\"]",
        "\"WorkingDir\":\"/w\"", "\"diff_ids\"", "\"architecture\":\"amd64\"").doesNotContain("null");
  }

  @Test
  void bigDataFileNamesMatchContainersStorage() {
    assertThat(BigData.fileName("manifest")).isEqualTo("manifest");
    assertThat(BigData.fileName("sha256:ab")).isEqualTo("=c2hhMjU2OmFi");
  }
}
