package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthFileTest {
  @TempDir
  Path tmp;

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void defaultPaths() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("run"));
    AuthFile rootless = AuthFile.fromEnvironment(Map.of("XDG_RUNTIME_DIR", run.toString(), "HOME", "/home/u"), 1000, null);
    assertThat(rootless.path()).isEqualTo(run.resolve("containers/auth.json"));
    assertThat(rootless.readPaths()).containsExactly(run.resolve("containers/auth.json"),
        Path.of("/home/u/.config/containers/auth.json"), Path.of("/home/u/.docker/config.json"),
        Path.of("/home/u/.dockercfg"));
    AuthFile root = AuthFile.fromEnvironment(Map.of("HOME", "/root"), 0, null);
    assertThat(root.path()).isEqualTo(Path.of("/run/containers/0/auth.json"));
    assertThat(AuthFile.fromEnvironment(Map.of("REGISTRY_AUTH_FILE", "/x/auth.json"), 0, null).readPaths())
        .containsExactly(Path.of("/x/auth.json"));
    assertThat(AuthFile.fromEnvironment(Map.of("REGISTRY_AUTH_FILE", "/x/auth.json"), 0, "/y/a.json").path())
        .isEqualTo(Path.of("/y/a.json"));
    assertThatThrownBy(() -> AuthFile.fromEnvironment(Map.of("XDG_RUNTIME_DIR", "/no/such/dir"), 1000, null))
        .hasMessage("\"/no/such/dir\" directory set by $XDG_RUNTIME_DIR does not exist. Either create the directory "
            + "or unset $XDG_RUNTIME_DIR.");
  }

  @Test
  void storeWritesPrivatelyAndAtomically() throws IOException {
    Path file = tmp.resolve("a/b/auth.json");
    AuthFile auth = AuthFile.of(file);
    assertThat(auth.store("127.0.0.1:5000", "user", "p:ss")).isEqualTo(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("a/b")))).isEqualTo("rwx------");
    JsonNode json = Json.mapper().readTree(file.toFile());
    assertThat(json.path("auths").path("127.0.0.1:5000").path("auth").asText()).isEqualTo(b64("user:p:ss"));
    assertThat(auth.lookup("127.0.0.1:5000")).contains(AuthFile.Credentials.of("user", "p:ss"));
    assertThat(Files.list(file.getParent()).count()).isEqualTo(1); // no temp file left behind
  }

  @Test
  void lookupPrefersTheLongestRepositoryKey() throws IOException {
    Path file = tmp.resolve("auth.json");
    Files.writeString(file, """
        {"auths": {
          "quay.io": {"auth": "%s"},
          "quay.io/team": {"auth": "%s"},
          "quay.io/team/app": {"auth": "%s"}
        }, "credHelpers": {"other.io": "secretservice"}}
        """.formatted(b64("host:1"), b64("ns:2"), b64("repo:3")));
    AuthFile auth = AuthFile.of(file);
    assertThat(auth.lookup(ImageReference.parse("quay.io/team/app:1")).orElseThrow().username()).isEqualTo("repo");
    assertThat(auth.lookup(ImageReference.parse("quay.io/team/other")).orElseThrow().username()).isEqualTo("ns");
    assertThat(auth.lookup(ImageReference.parse("quay.io/solo")).orElseThrow().username()).isEqualTo("host");
    assertThat(auth.lookup(ImageReference.parse("docker.io/x"))).isEmpty();
    // Editing keeps what jpod does not understand.
    auth.store("new.io", "n", "p");
    assertThat(Json.mapper().readTree(file.toFile()).has("credHelpers")).isTrue();
  }

  @Test
  void fallsBackToDockerConfigAndUrlKeys() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("run"));
    Path home = tmp.resolve("home");
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), """
        {"auths": {"https://index.docker.io/v1/": {"auth": "%s"}, "https://my.io:5000": {"auth": "%s"}}}
        """.formatted(b64("hub:x"), b64("mine:y")));
    AuthFile auth = AuthFile.fromEnvironment(Map.of("XDG_RUNTIME_DIR", run.toString(), "HOME", home.toString()), 1000,
        null);
    assertThat(auth.lookup(ImageReference.parse("docker.io/library/busybox")).orElseThrow().username()).isEqualTo("hub");
    assertThat(auth.lookup("my.io:5000").orElseThrow().username()).isEqualTo("mine");
    // The primary file wins over the fallbacks.
    auth.store("my.io:5000", "primary", "z");
    assertThat(auth.lookup("my.io:5000").orElseThrow().username()).isEqualTo("primary");
  }

  @Test
  void logoutAndLogoutAll() throws IOException {
    AuthFile auth = AuthFile.of(tmp.resolve("auth.json"));
    auth.store("a.io", "u", "p");
    auth.store("b.io/ns", "u", "p");
    auth.remove("a.io");
    assertThat(auth.lookup("a.io")).isEmpty();
    assertThatThrownBy(() -> auth.remove("a.io")).isInstanceOfSatisfying(JpodException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
      assertThat(e.getMessage()).isEqualTo("not logged into a.io");
    });
    assertThat(auth.lookupKey("b.io/ns")).isPresent();
    auth.removeAll();
    assertThat(auth.lookupKey("b.io/ns")).isEmpty();
    assertThat(Json.mapper().readTree(tmp.resolve("auth.json").toFile()).path("auths").size()).isZero();
  }

  @Test
  void loginKeys() {
    assertThat(AuthFile.loginKey("https://quay.io/v1/", false)).isEqualTo("quay.io");
    assertThat(AuthFile.loginKey("http://127.0.0.1:5000", false)).isEqualTo("127.0.0.1:5000");
    assertThat(AuthFile.loginKey("quay.io/team/app", true)).isEqualTo("quay.io/team/app");
    assertThat(AuthFile.loginKey("quay.io/team/app", false)).isEqualTo("quay.io");
    assertThat(AuthFile.loginKey("docker.io/vendor", true)).isEqualTo("docker.io/vendor");
    assertThatThrownBy(() -> AuthFile.loginKey("quay.io/team/app:1", true))
        .hasMessage("reference \"quay.io/team/app:1\" contains tag or digest");
  }

  @Test
  void credentialsNeverPrintTheSecret() {
    assertThat(AuthFile.Credentials.of("u", "hunter2").toString()).doesNotContain("hunter2");
  }

  @Test
  void malformedFileFailsNamingIt() throws IOException {
    Path file = tmp.resolve("auth.json");
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> AuthFile.of(file).lookup("x.io")).hasMessageStartingWith("reading JSON file \"" + file + "\"");
  }
}
