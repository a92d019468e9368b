package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A registry with htpasswd Basic auth. */
class RegistryBasicAuthTest {
  private static TestRegistry registry;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    assumeTrue(TestRegistry.available(), "docker-registry is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) is not installed");
    registry = TestRegistry.builder().basicAuth("alice", "s3cret").start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private RegistryClient client(AuthFile.Credentials creds) {
    return new RegistryClient(registry.hostPort(),
        RegistryClient.Options.defaults().withTlsVerify(false).withCredentials(creds));
  }

  @Test
  void pushAndPullWithCredentialsFromTheAuthFile() throws Exception {
    AuthFile auth = AuthFile.of(tmp.resolve("auth.json"));
    auth.store(registry.hostPort(), "alice", "s3cret");
    RegistryAccess access = new RegistryAccess(null, auth, false, null, null, List.of());
    ImageReference ref = ImageReference.parse(registry.hostPort() + "/team/app:1");
    TestImages.Image img = TestImages.image("amd64", "basic", true);
    try (RegistryDestination dest = RegistryDestination.open(access, ref, d -> List.of())) {
      TestImages.push(dest, img);
    }
    try (RegistrySource src = RegistrySource.open(access, ref, null)) {
      TestImages.pullAndVerify(src);
    }
  }

  @Test
  void anonymousAndWrongCredentialsAreUnauthorized() {
    try (RegistryClient anon = client(null)) {
      assertThatThrownBy(() -> anon.getManifest("team/app", "1"))
          .isInstanceOfSatisfying(JpodException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
            assertThat(e.getMessage()).isEqualTo("reading manifest 1 in " + registry.hostPort()
                + "/team/app: unauthorized: authentication required");
          });
    }
    try (RegistryClient wrong = client(AuthFile.Credentials.of("alice", "wrong"))) {
      assertThatThrownBy(() -> wrong.getManifest("team/app", "1"))
          .isInstanceOfSatisfying(JpodException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED));
      assertThatThrownBy(() -> wrong.verifyLogin(registry.hostPort()))
          .isInstanceOfSatisfying(JpodException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
            assertThat(e.getMessage()).isEqualTo("logging into \"" + registry.hostPort()
                + "\": invalid username/password");
          });
    }
  }

  @Test
  void loginCheck() {
    try (RegistryClient good = client(AuthFile.Credentials.of("alice", "s3cret"))) {
      good.verifyLogin(registry.hostPort());
    }
    try (RegistryClient unreachable = new RegistryClient("127.0.0.1:1", RegistryClient.Options.defaults())) {
      assertThatThrownBy(() -> unreachable.verifyLogin("127.0.0.1:1"))
          .hasMessage("authenticating creds for \"127.0.0.1:1\": pinging container registry 127.0.0.1:1: "
              + "Get \"https://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused");
    }
  }
}
