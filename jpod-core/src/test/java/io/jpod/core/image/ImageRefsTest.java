package io.jpod.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageRefsTest {
  @Test
  void referenceErrorsReadLikeDockerReference() {
    assertThat(ImageRefs.problem("busybox")).isNull();
    assertThat(ImageRefs.problem("registry.example.com:5000/ns/e:2")).isNull();
    assertThat(ImageRefs.problem("localhost/foo@sha256:" + "a".repeat(64))).isNull();
    assertThat(ImageRefs.problem("6f16c9c326d6")).isNull();
    assertThat(ImageRefs.problem("BAD")).isEqualTo("repository name must be lowercase");
    assertThat(ImageRefs.problem("Bad:Name")).isEqualTo("repository name must be lowercase");
    assertThat(ImageRefs.problem("x:y:z")).isEqualTo("invalid reference format");
    assertThat(ImageRefs.problem("")).isEqualTo("repository name must have at least one component");
  }

  @Test
  void normalizeWrapsErrorsTwiceAsPodman() {
    assertThat(ImageRefs.normalize("foo")).isEqualTo("localhost/foo:latest");
    assertThat(ImageRefs.normalize("docker.io/dd")).isEqualTo("docker.io/library/dd:latest");
    assertThatThrownBy(() -> ImageRefs.normalize("Bad:Name")).hasMessage(
        "normalizing name \"Bad:Name\": normalizing name \"Bad:Name\": repository name must be lowercase");
  }

  @Test
  void namePartsOfStoredNames() {
    assertThat(ImageRefs.repository("registry.example.com:5000/ns/e:2")).isEqualTo("registry.example.com:5000/ns/e");
    assertThat(ImageRefs.tag("registry.example.com:5000/ns/e:2")).isEqualTo("2");
    assertThat(ImageRefs.tag("registry.example.com:5000/ns/e")).isNull();
    assertThat(ImageRefs.tag("localhost/foo@sha256:abc")).isNull();
    assertThat(ImageRefs.path("docker.io/library/dd:latest")).isEqualTo("library/dd");
    assertThat(ImageRefs.withDigest("localhost/foo:v1", "sha256:1")).isEqualTo("localhost/foo@sha256:1");
  }

  @Test
  void referenceFilterCandidatesAsLibimage() {
    assertThat(ImageRefs.filterCandidates("localhost/other/bar:latest")).containsExactly(
        "localhost/other/bar:latest", "other/bar", "bar:latest", "localhost/other/bar", "other/bar:latest", "bar");
  }

  @Test
  void referenceFilterMatchesAsPodman() {
    List<String> names = List.of("localhost/busybox:latest", "localhost/foo:v1");
    // each case checked against podman 4.3.1's images --filter reference=...
    for (String yes : List.of("busybox", "localhost/busybox", "busy*", "*/busybox", "foo:v1", "foo", "*:v1",
        "busybox:latest", "localhost/*", "*", "foo:*", "localhost/foo:v1")) {
      assertThat(ImageRefs.matchesReference(yes, names)).as(yes).isTrue();
    }
    for (String no : List.of("library/busybox", "bus", "lo*", "nonexist", "busybox@sha256:" + "a".repeat(64))) {
      assertThat(ImageRefs.matchesReference(no, names)).as(no).isFalse();
    }
  }

  @Test
  void goPathMatch() {
    assertThat(PathMatch.matches("a*b", "axxb")).isTrue();
    assertThat(PathMatch.matches("a*b", "ax/b")).isFalse();
    assertThat(PathMatch.matches("a?c", "abc")).isTrue();
    assertThat(PathMatch.matches("[a-c]x", "bx")).isTrue();
    assertThat(PathMatch.matches("[^a-c]x", "bx")).isFalse();
    assertThat(PathMatch.matches("a\\*", "a*")).isTrue();
    assertThat(PathMatch.matches("[", "[")).isFalse();
    assertThat(PathMatch.matches("*", "")).isTrue();
  }
}
