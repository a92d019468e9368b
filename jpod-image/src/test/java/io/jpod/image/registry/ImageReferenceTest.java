package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  private static final String D = "sha256:" + "ab".repeat(32);

  @Test
  void parsesQualifiedReferences() {
    ImageReference r = ImageReference.parse("quay.io/ns/app:1.0");
    assertThat(r).isEqualTo(new ImageReference("quay.io", "ns/app", "1.0", null));
    assertThat(r.name()).isEqualTo("quay.io/ns/app");
    assertThat(r.tagOrDigest()).isEqualTo("1.0");
    assertThat(r.transportName()).isEqualTo("docker://quay.io/ns/app:1.0");

    assertThat(ImageReference.parse("localhost:5000/a/b/c").toString()).isEqualTo("localhost:5000/a/b/c");
    assertThat(ImageReference.parse("localhost:5000/a/b/c").tagOrDigest()).isEqualTo("latest");
    assertThat(ImageReference.parse("localhost/app").withDefaultTag().toString()).isEqualTo("localhost/app:latest");
    assertThat(ImageReference.parse("127.0.0.1:5999/x@" + D).toString()).isEqualTo("127.0.0.1:5999/x@" + D);
    assertThat(ImageReference.parse("127.0.0.1:5999/x:t@" + D).tagOrDigest()).isEqualTo(D);
    assertThat(ImageReference.parse("docker://reg.example.com/x:y").toString()).isEqualTo("reg.example.com/x:y");
    assertThat(ImageReference.parse("[::1]:5000/x").registry()).isEqualTo("[::1]:5000");
  }

  @Test
  void normalizesDockerHub() {
    assertThat(ImageReference.parse("docker.io/busybox").toString()).isEqualTo("docker.io/library/busybox");
    assertThat(ImageReference.parse("index.docker.io/busybox:1").toString()).isEqualTo("docker.io/library/busybox:1");
    assertThat(ImageReference.parse("docker.io/user/app").toString()).isEqualTo("docker.io/user/app");
    assertThat(ImageReference.parseDockerNormalized("busybox").toString()).isEqualTo("docker.io/library/busybox");
    assertThat(ImageReference.parseDockerNormalized("user/app:2").toString()).isEqualTo("docker.io/user/app:2");
  }

  @Test
  void shortNames() {
    assertThat(ImageReference.isShortName("busybox")).isTrue();
    assertThat(ImageReference.isShortName("library/busybox:1")).isTrue();
    assertThat(ImageReference.isShortName("busybox@" + D)).isTrue();
    assertThat(ImageReference.isShortName("localhost/busybox")).isFalse();
    assertThat(ImageReference.isShortName("host:5000/busybox")).isFalse();
    assertThatThrownBy(() -> ImageReference.parse("busybox"))
        .hasMessage("invalid reference format: \"busybox\" is not a fully qualified reference (it has no registry)");
  }

  @Test
  void rejectsBadNamesInOneLine() {
    assertThatThrownBy(() -> ImageReference.parse("quay.io/Upper/case"))
        .isInstanceOfSatisfying(JpodException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
          assertThat(e.getMessage()).isEqualTo("invalid reference format: repository name must be lowercase");
        });
    assertThatThrownBy(() -> ImageReference.parse("quay.io/a:b:c")).hasMessageStartingWith("invalid reference format");
    assertThatThrownBy(() -> ImageReference.parse("quay.io/a:" + "t".repeat(129))).hasMessageContaining("invalid tag");
    assertThatThrownBy(() -> ImageReference.parse("quay.io/a@sha256:zz")).hasMessageContaining("invalid digest");
    assertThatThrownBy(() -> ImageReference.parse("quay.io/a@sha512:" + "a".repeat(128)))
        .hasMessageContaining("only sha256 is supported");
    assertThatThrownBy(() -> ImageReference.parse("quay.io/a//b")).hasMessageStartingWith("invalid reference format");
    assertThatThrownBy(() -> ImageReference.parse("")).hasMessageContaining("at least one component");
    assertThatThrownBy(() -> ImageReference.parse("quay.io/" + "a".repeat(260)))
        .hasMessageContaining("255 characters");
    assertThatThrownBy(() -> ImageReference.parse("-bad.io/x")).hasMessageContaining("invalid");
  }

  @Test
  void withers() {
    ImageReference r = ImageReference.parse("quay.io/a/b:1");
    assertThat(r.withDigest(D).toString()).isEqualTo("quay.io/a/b@" + D);
    assertThat(r.withTag("2").toString()).isEqualTo("quay.io/a/b:2");
    assertThat(r.withName("mirror.io", "m/b").toString()).isEqualTo("mirror.io/m/b:1");
  }
}
