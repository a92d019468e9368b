package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShortNameResolverTest {
  @TempDir
  Path tmp;

  private ShortNameResolver resolver(String conf) throws IOException {
    Path p = tmp.resolve("registries.conf");
    Files.writeString(p, conf);
    return new ShortNameResolver(new RegistriesConf(p, null, tmp.resolve("cache.conf")));
  }

  private static List<String> names(ShortNameResolver.Resolution r) {
    return r.candidates().stream().map(ImageReference::toString).toList();
  }

  @Test
  void qualifiedNamesAreThemselves() throws IOException {
    ShortNameResolver r = resolver("");
    assertThat(names(r.resolve("quay.io/a/b", false))).containsExactly("quay.io/a/b:latest");
    assertThat(names(r.resolve("localhost/app:2", false))).containsExactly("localhost/app:2");
    assertThat(names(r.resolve("docker.io/busybox", false))).containsExactly("docker.io/library/busybox:latest");
    assertThat(r.resolve("quay.io/a/b", false).description()).isEmpty();
  }

  @Test
  void aliasesComeFirstAndKeepTagAndDigest() throws IOException {
    ShortNameResolver r = resolver("""
        unqualified-search-registries = ["docker.io", "quay.io"]
        [aliases]
        "alpine" = "docker.io/library/alpine"
        """);
    ShortNameResolver.Resolution res = r.resolve("alpine:3.18", false);
    assertThat(names(res)).containsExactly("docker.io/library/alpine:3.18");
    assertThat(res.description()).isEqualTo("Resolved \"alpine\" as an alias (" + tmp.resolve("registries.conf") + ")");
  }

  @Test
  void searchRegistriesInOrder() throws IOException {
    ShortNameResolver r = resolver("unqualified-search-registries = [\"registry.fedoraproject.org\", \"docker.io\"]\n");
    ShortNameResolver.Resolution res = r.resolve("busybox", false);
    assertThat(names(res)).containsExactly("registry.fedoraproject.org/busybox:latest", "docker.io/library/busybox:latest");
    assertThat(res.needsSelection()).isFalse();
    assertThat(res.description()).isEqualTo("Resolving \"busybox\" using unqualified-search registries ("
        + tmp.resolve("registries.conf") + ")");
    // Permissive with a terminal: podman prompts.
    assertThat(r.resolve("busybox", true).needsSelection()).isTrue();
  }

  @Test
  void enforcingWithoutATerminalRefuses() throws IOException {
    ShortNameResolver r = resolver("""
        unqualified-search-registries = ["quay.io", "docker.io"]
        short-name-mode = "enforcing"
        """);
    assertThatThrownBy(() -> r.resolve("busybox", false))
        .isInstanceOfSatisfying(JpodException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
          assertThat(e.getMessage()).isEqualTo("short-name resolution enforced but cannot prompt without a TTY");
        });
    ShortNameResolver.Resolution prompt = r.resolve("busybox", true);
    assertThat(prompt.needsSelection()).isTrue();
    ShortNameResolver.Resolution picked = prompt.select(1);
    assertThat(names(picked)).containsExactly("docker.io/library/busybox:latest");
    assertThat(picked.recordAlias()).isTrue();
    r.recordIfSelected(picked, picked.candidates().getFirst());
    assertThat(names(r.resolve("busybox", false))).containsExactly("docker.io/library/busybox:latest");
  }

  @Test
  void enforcingWithOneRegistryAndDisabledModeDoNotPrompt() throws IOException {
    assertThat(names(resolver("unqualified-search-registries = [\"quay.io\"]\nshort-name-mode = \"enforcing\"\n")
        .resolve("app", false))).containsExactly("quay.io/app:latest");
    ShortNameResolver.Resolution all = resolver(
        "unqualified-search-registries = [\"quay.io\", \"docker.io\"]\nshort-name-mode = \"disabled\"\n")
        .resolve("app", true);
    assertThat(all.needsSelection()).isFalse();
    assertThat(all.candidates()).hasSize(2);
  }

  @Test
  void noSearchRegistriesIsPodmansError() throws IOException {
    ShortNameResolver r = resolver("# nothing configured\n");
    assertThatThrownBy(() -> r.resolve("busybox", false)).hasMessage("short-name \"busybox\" did not resolve to an "
        + "alias and no unqualified-search registries are defined in \"" + tmp.resolve("registries.conf") + "\"");
    ShortNameResolver none = new ShortNameResolver(new RegistriesConf(tmp.resolve("missing.conf"), null, null));
    assertThatThrownBy(() -> none.resolve("busybox", false)).hasMessage("short-name \"busybox\" did not resolve to an "
        + "alias and no containers-registries.conf(5) was found");
  }

  @Test
  void dockerHubModeAndLocalCandidates() throws IOException {
    ShortNameResolver r = resolver("unqualified-search-registries = [\"quay.io\"]\n[aliases]\n\"x\" = \"reg.io/x\"\n");
    assertThat(names(r.resolveDockerHub("busybox"))).containsExactly("docker.io/library/busybox:latest");
    assertThat(names(r.resolveDockerHub("quay.io/a"))).containsExactly("quay.io/a:latest");
    assertThat(r.resolveLocally("x:1")).extracting(ImageReference::toString)
        .containsExactly("reg.io/x:1", "localhost/x:1", "quay.io/x:1");
  }

  @Test
  void pullErrorsAreSummarized() {
    assertThat(ShortNameResolver.formatPullErrors(List.of("one"))).isEqualTo("one");
    assertThat(ShortNameResolver.formatPullErrors(List.of("a", "b")))
        .isEqualTo("2 errors occurred while pulling:\n * a\n * b");
  }
}
