package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.MediaTypes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registry with Bearer token auth: the registry verifies real signed JWTs issued by the test's token
 * server, so scopes, Basic credentials on the token request and token caching are exercised for real.
 */
class RegistryTokenAuthTest {
  private static TestRegistry registry;

  @BeforeAll
  static void start() {
    assumeTrue(TestRegistry.available(), "docker-registry is not installed");
    registry = TestRegistry.builder().tokenAuth("carol", "pa55").anonymousPull(true).start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static RegistryClient client(AuthFile.Credentials creds) {
    return new RegistryClient(registry.hostPort(),
        RegistryClient.Options.defaults().withTlsVerify(false).withCredentials(creds));
  }

  @Test
  void pushWithCredentialsPullAnonymously() throws Exception {
    ImageReference ref = ImageReference.parse(registry.hostPort() + "/tok/app:1");
    TestImages.Image img = TestImages.image("amd64", "token", true);
    int before = registry.tokenRequests().size();
    try (RegistryClient c = client(AuthFile.Credentials.of("carol", "pa55"));
        RegistryDestination dest = new RegistryDestination(c, ref, null)) {
      TestImages.push(dest, img);
    }
    List<String> asked = registry.tokenRequests().subList(before, registry.tokenRequests().size());
    assertThat(asked).contains("account=carol&service=jpod-test-registry&scope=repository%3Atok%2Fapp%3Apull%2Cpush [basic]");
    // Tokens are cached per scope: one for pull (HEAD checks) and one for pull,push, not one per request.
    assertThat(asked).hasSizeLessThanOrEqualTo(2);

    try (RegistryClient anon = client(null); RegistrySource src = new RegistrySource(anon, ref, null)) {
      TestImages.pullAndVerify(src);
      // Anonymous users only get pull: pushing fails with the registry's own words.
      assertThatThrownBy(() -> anon.putManifest("tok/app", "2", img.manifest()))
          .isInstanceOfSatisfying(JpodException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
            assertThat(e.getMessage()).startsWith("uploading manifest 2 to " + registry.hostPort() + "/tok/app: ");
          });
    }
  }

  @Test
  void wrongCredentialsAreRejectedByTheTokenServer() {
    try (RegistryClient c = client(AuthFile.Credentials.of("carol", "nope"))) {
      assertThatThrownBy(() -> c.getManifest("tok/app", "1"))
          .isInstanceOfSatisfying(JpodException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
            assertThat(e.getMessage()).isEqualTo(
                "unable to retrieve auth token: invalid username/password: unauthorized: invalid credentials");
          });
      assertThatThrownBy(() -> c.verifyLogin(registry.hostPort()))
          .hasMessage("logging into \"" + registry.hostPort() + "\": invalid username/password");
    }
    try (RegistryClient c = client(AuthFile.Credentials.of("carol", "pa55"))) {
      c.verifyLogin(registry.hostPort());
    }
  }

  @Test
  void mountAsksForBothScopes() throws Exception {
    ImageReference src = ImageReference.parse(registry.hostPort() + "/tok/base:1");
    TestImages.Image img = TestImages.image("amd64", "token mount", true);
    try (RegistryClient c = client(AuthFile.Credentials.of("carol", "pa55"))) {
      try (RegistryDestination dest = new RegistryDestination(c, src, null)) {
        TestImages.push(dest, img);
      }
      int before = registry.tokenRequests().size();
      try (RegistryDestination dest = new RegistryDestination(c,
          ImageReference.parse(registry.hostPort() + "/tok/derived:1"), d -> List.of("tok/base"))) {
        BlobInfo reused = dest.tryReuseLayer(0, new BlobInfo(MediaTypes.OCI_LAYER_GZIP, img.layerDigest(),
            img.layerGz().length), img.diffId());
        assertThat(reused).isNotNull();
      }
      assertThat(registry.tokenRequests().subList(before, registry.tokenRequests().size())).contains(
          "account=carol&service=jpod-test-registry&scope=repository%3Atok%2Fderived%3Apull%2Cpush"
              + "&scope=repository%3Atok%2Fbase%3Apull [basic]");
      assertThat(c.blobExists("tok/derived", img.layerDigest())).isTrue();
      assertThat(c.search("tok", 10)).extracting(RegistryClient.SearchResult::name)
          .contains("tok/base", "tok/derived");
    }
  }
}
