package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistriesConfTest {
  private static final String D = "sha256:" + "cd".repeat(32);

  @TempDir
  Path tmp;

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private static List<String> sources(RegistriesConf c, String ref) {
    return c.pullSources(ImageReference.parse(ref)).stream()
        .map(s -> s.reference() + (s.insecure() ? " insecure" : "") + (s.mirror() ? " mirror" : "")).toList();
  }

  @Test
  void dropInsOverrideInNameOrderAndAliasCacheWins() throws IOException {
    Path main = write("registries.conf", """
        unqualified-search-registries = ["docker.io", "quay.io"]
        short-name-mode = "enforcing"
        [aliases]
        "alpine" = "docker.io/library/alpine"
        "fedora" = "registry.fedoraproject.org/fedora"
        """);
    write("d/10-a.conf", """
        unqualified-search-registries = ["registry.example.com"]
        [aliases]
        "alpine" = "quay.io/libpod/alpine"
        """);
    write("d/20-b.conf", """
        short-name-mode = "permissive"
        [aliases]
        "fedora" = ""
        """);
    write("d/ignored.txt", "unqualified-search-registries = [\"nope.io\"]");
    Path cache = write("cache/short-name-aliases.conf", """
        [aliases]
        "busybox" = "docker.io/library/busybox"
        "alpine" = "cache.io/alpine"
        """);
    RegistriesConf c = new RegistriesConf(main, tmp.resolve("d"), cache);
    assertThat(c.unqualifiedSearchRegistries()).containsExactly("registry.example.com");
    assertThat(c.unqualifiedSearchRegistriesOrigin()).isEqualTo(tmp.resolve("d/10-a.conf").toString());
    assertThat(c.shortNameMode()).isEqualTo(RegistriesConf.ShortNameMode.PERMISSIVE);
    assertThat(c.alias("alpine").orElseThrow().value().toString()).isEqualTo("cache.io/alpine");
    assertThat(c.alias("alpine").orElseThrow().origin()).isEqualTo(cache.toString());
    assertThat(c.alias("busybox").orElseThrow().value().toString()).isEqualTo("docker.io/library/busybox");
    assertThat(c.alias("fedora")).isEmpty();
  }

  @Test
  void missingFilesMeanNoConfiguration() {
    RegistriesConf c = new RegistriesConf(tmp.resolve("none.conf"), tmp.resolve("none.d"), null);
    assertThat(c.unqualifiedSearchRegistries()).isEmpty();
    assertThat(c.unqualifiedSearchRegistriesOrigin()).isEmpty();
    assertThat(c.shortNameMode()).isEqualTo(RegistriesConf.ShortNameMode.PERMISSIVE);
    assertThat(sources(c, "quay.io/a:1")).containsExactly("quay.io/a:1");
  }

  @Test
  void registryTablesRewriteMirrorAndBlock() throws IOException {
    Path main = write("registries.conf", """
        [[registry]]
        prefix = "example.com/foo"
        location = "internal.example.com/bar"
        insecure = true
        [[registry.mirror]]
        location = "mirror-1.example.com/foo-mirror"
        [[registry.mirror]]
        location = "mirror-2.example.com"
        insecure = true
        pull-from-mirror = "digest-only"

        [[registry]]
        location = "example.com"
        [[registry.mirror]]
        location = "tag-mirror.example.com"
        pull-from-mirror = "tag-only"

        [[registry]]
        location = "blocked.io"
        blocked = true

        [[registry]]
        location = "digests.io"
        mirror-by-digest-only = true
        [[registry.mirror]]
        location = "dm.io"

        [[registry]]
        prefix = "*.wild.io"
        [[registry.mirror]]
        location = "wild-mirror.io"
        """);
    RegistriesConf c = new RegistriesConf(main, null, null);
    assertThat(sources(c, "example.com/foo/app:1")).containsExactly(
        "mirror-1.example.com/foo-mirror/app:1 mirror",
        "internal.example.com/bar/app:1 insecure");
    assertThat(sources(c, "example.com/foo/app@" + D)).containsExactly(
        "mirror-1.example.com/foo-mirror/app@" + D + " mirror",
        "mirror-2.example.com/app@" + D + " insecure mirror",
        "internal.example.com/bar/app@" + D + " insecure");
    // "example.com/foobar" is not under the "example.com/foo" prefix: path boundaries matter.
    assertThat(sources(c, "example.com/foobar:1")).containsExactly(
        "tag-mirror.example.com/foobar:1 mirror", "example.com/foobar:1");
    assertThat(sources(c, "example.com/x@" + D)).containsExactly("example.com/x@" + D);
    assertThat(sources(c, "digests.io/x:1")).containsExactly("digests.io/x:1");
    assertThat(sources(c, "digests.io/x@" + D)).containsExactly("dm.io/x@" + D + " mirror", "digests.io/x@" + D);
    assertThat(sources(c, "a.wild.io/x:1")).containsExactly("wild-mirror.io/x:1 mirror", "a.wild.io/x:1");
    assertThat(c.isInsecure("example.com/foo/app")).isTrue();
    assertThat(c.isInsecure("example.com/other")).isFalse();
    assertThatThrownBy(() -> c.pullSources(ImageReference.parse("blocked.io/x:1")))
        .hasMessage("registry blocked.io is blocked in " + main + " or null");
  }

  @Test
  void laterTableWithTheSamePrefixReplacesEarlier() throws IOException {
    Path main = write("registries.conf", "[[registry]]\nlocation = \"r.io\"\ninsecure = true\n");
    write("d/a.conf", "[[registry]]\nlocation = \"r.io\"\nblocked = true\n");
    RegistriesConf c = new RegistriesConf(main, tmp.resolve("d"), null);
    assertThat(c.registries()).hasSize(1);
    assertThat(c.isInsecure("r.io/x")).isFalse();
    assertThatThrownBy(() -> c.checkNotBlocked(ImageReference.parse("r.io/x"))).hasMessageContaining("is blocked");
  }

  @Test
  void v1FormatIsUnderstood() throws IOException {
    Path main = write("registries.conf", """
        [registries.search]
        registries = ["docker.io"]
        [registries.insecure]
        registries = ["old.io:5000"]
        [registries.block]
        registries = ["evil.io"]
        """);
    RegistriesConf c = new RegistriesConf(main, null, null);
    assertThat(c.unqualifiedSearchRegistries()).containsExactly("docker.io");
    assertThat(c.isInsecure("old.io:5000/x")).isTrue();
    assertThatThrownBy(() -> c.checkNotBlocked(ImageReference.parse("evil.io/x"))).hasMessageContaining("blocked");
  }

  @Test
  void invalidFilesFailNamingTheFile() throws IOException {
    Path bad = write("bad.conf", "unqualified-search-registries = [\"https://x.io\"]\n");
    assertThatThrownBy(() -> new RegistriesConf(bad, null, null))
        .hasMessage("loading registries configuration \"" + bad + "\": invalid location 'https://x.io': URI schemes "
            + "are not supported");
    Path syntax = write("syntax.conf", "this is [not toml\n");
    assertThatThrownBy(() -> new RegistriesConf(syntax, null, null))
        .hasMessageStartingWith("loading registries configuration \"" + syntax + "\": ");
    Path mode = write("mode.conf", "short-name-mode = \"sometimes\"\n");
    assertThatThrownBy(() -> new RegistriesConf(mode, null, null)).hasMessageContaining("invalid short-name mode");
    Path alias = write("alias.conf", "[aliases]\n\"x\" = \"docker.io/x:tag\"\n");
    assertThatThrownBy(() -> new RegistriesConf(alias, null, null)).hasMessageContaining("must not contain a tag");
  }

  @Test
  void environmentChoosesTheFiles() throws IOException {
    Path custom = write("custom.conf", "unqualified-search-registries = [\"custom.io\"]\n");
    RegistriesConf c = RegistriesConf.load(Map.of("CONTAINERS_REGISTRIES_CONF", custom.toString(), "HOME",
        tmp.toString()), false);
    assertThat(c.mainPath()).isEqualTo(custom);
    assertThat(c.unqualifiedSearchRegistries()).containsExactly("custom.io");
    assertThat(c.aliasCachePath()).isEqualTo(tmp.resolve(".cache/containers/short-name-aliases.conf"));
    write(".config/containers/registries.conf", "unqualified-search-registries = [\"user.io\"]\n");
    RegistriesConf u = RegistriesConf.load(Map.of("HOME", tmp.toString()), true);
    assertThat(u.mainPath()).isEqualTo(tmp.resolve(".config/containers/registries.conf"));
    assertThat(u.aliasCachePath()).isEqualTo(RegistriesConf.DEFAULT_ALIAS_CACHE);
  }

  @Test
  void recordAliasWritesTheCache() throws IOException {
    Path cache = tmp.resolve("cache/aliases.conf");
    RegistriesConf c = new RegistriesConf(tmp.resolve("none"), null, cache);
    c.recordAlias("app", ImageReference.parse("quay.io/team/app:1"));
    assertThat(c.alias("app").orElseThrow().value().toString()).isEqualTo("quay.io/team/app");
    RegistriesConf again = new RegistriesConf(tmp.resolve("none"), null, cache);
    assertThat(again.alias("app").orElseThrow().value().toString()).isEqualTo("quay.io/team/app");
  }
}
