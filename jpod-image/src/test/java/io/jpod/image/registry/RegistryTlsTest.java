package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A registry on HTTPS with a self-signed certificate, with Basic auth on top. */
class RegistryTlsTest {
  private static TestRegistry registry;

  @BeforeAll
  static void start() {
    assumeTrue(TestRegistry.available(), "docker-registry is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/htpasswd")), "htpasswd (apache2-utils) is not installed");
    registry = TestRegistry.builder().tls().basicAuth("bob", "pw").start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static RegistryClient.Options base() {
    return RegistryClient.Options.defaults().withCertRoots(List.of())
        .withCredentials(AuthFile.Credentials.of("bob", "pw"));
  }

  @Test
  void verificationFailsWithoutTheCa() {
    try (RegistryClient c = new RegistryClient(registry.hostPort(), base())) {
      assertThatThrownBy(c::ping).isInstanceOfSatisfying(JpodException.class, e -> {
        assertThat(e.kind()).isEqualTo(ErrorKind.REGISTRY);
        assertThat(e.getMessage()).isEqualTo("pinging container registry " + registry.hostPort() + ": Get \"https://"
            + registry.hostPort() + "/v2/\": x509: certificate signed by unknown authority");
      });
    }
  }

  @Test
  void tlsVerifyFalseAcceptsTheCertificateAndStaysOnHttps() throws Exception {
    try (RegistryClient c = new RegistryClient(registry.hostPort(), base().withTlsVerify(false))) {
      assertThat(c.scheme()).isEqualTo("https");
      roundTrip(c, "insecure/app:1");
    }
  }

  @Test
  void certsDirectoryCaIsTrusted() throws Exception {
    // Per-host lookup, as /etc/containers/certs.d/<host:port>/ca.crt.
    try (RegistryClient c = new RegistryClient(registry.hostPort(), base().withCertRoots(List.of(registry.certsRoot())))) {
      assertThat(c.certDir()).isEqualTo(registry.certDir());
      roundTrip(c, "verified/app:1");
      c.verifyLogin(registry.hostPort());
    }
    // --cert-dir.
    try (RegistryClient c = new RegistryClient(registry.hostPort(), base().withCertDir(registry.certDir()))) {
      c.ping();
    }
    // The same directory satisfies skopeo, the peer implementation.
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
    Process p = new ProcessBuilder("skopeo", "inspect", "--cert-dir", registry.certDir().toString(),
        "--creds", "bob:pw", "docker://" + registry.hostPort() + "/verified/app:1").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("\"Architecture\": \"amd64\"");
  }

  @Test
  void registriesConfInsecureMeansNoVerification() throws Exception {
    Path conf = Files.createTempFile("registries", ".conf");
    try {
      Files.writeString(conf, "[[registry]]\nlocation = \"" + registry.hostPort() + "\"\ninsecure = true\n");
      RegistryAccess access = new RegistryAccess(new RegistriesConf(conf, null, null), null, null, null,
          AuthFile.Credentials.of("bob", "pw"), List.of());
      ImageReference ref = ImageReference.parse(registry.hostPort() + "/conf/app:1");
      TestImages.Image img = TestImages.image("amd64", "conf insecure", true);
      try (RegistryDestination dest = RegistryDestination.open(access, ref, null)) {
        TestImages.push(dest, img);
      }
      try (RegistrySource src = RegistrySource.open(access, ref, null)) {
        TestImages.pullAndVerify(src);
      }
      // --tls-verify=true overrides registries.conf.
      assertThatThrownBy(() -> RegistrySource.open(access.withTlsVerify(true), ref, null))
          .hasMessageContaining("x509: certificate signed by unknown authority");
    } finally {
      Files.deleteIfExists(conf);
    }
  }

  private static void roundTrip(RegistryClient c, String repoTag) throws Exception {
    ImageReference ref = ImageReference.parse(registry.hostPort() + "/" + repoTag);
    TestImages.Image img = TestImages.image("amd64", repoTag, true);
    try (RegistryDestination dest = new RegistryDestination(c, ref, null)) {
      TestImages.push(dest, img);
    }
    try (RegistrySource src = new RegistrySource(c, ref, null)) {
      assertThat(TestImages.pullAndVerify(src).bytes()).isEqualTo(img.manifest().bytes());
    }
  }
}
