package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.archive.Platform;
import io.jpod.image.transport.MediaTypes;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Push and pull against a real plain-HTTP distribution registry. */
class RegistryPlainTest {
  private static TestRegistry registry;
  private static RegistryClient client;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    assumeTrue(TestRegistry.available(), "docker-registry is not installed");
    registry = TestRegistry.plain();
    client = new RegistryClient(registry.hostPort(), RegistryClient.Options.defaults().withTlsVerify(false));
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private ImageReference ref(String repoAndTag) {
    return ImageReference.parse(registry.hostPort() + "/" + repoAndTag);
  }

  private static RegistryAccess insecureAccess() {
    return new RegistryAccess(null, null, false, null, null, List.of());
  }

  @Test
  void pushThenPullRoundTrip() throws Exception {
    TestImages.Image img = TestImages.image("amd64", "hello", true);
    ImageReference r = ref("jpod/hello:1");
    try (RegistryDestination dest = RegistryDestination.open(insecureAccess(), r, d -> List.of())) {
      assertThat(dest.layerCompression()).isEqualTo(io.jpod.image.transport.LayerCompression.GZIP);
      TestImages.push(dest, img);
      assertThat(dest.manifestDigest()).isEqualTo(img.manifestDigest());
    }
    try (RegistrySource src = RegistrySource.open(insecureAccess(), r, new Platform("amd64", "linux", null))) {
      RawManifest m = TestImages.pullAndVerify(src);
      assertThat(m.bytes()).isEqualTo(img.manifest().bytes());
      assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(src.indexDigest()).isNull();
      assertThat(src.manifestDigest()).isEqualTo(img.manifestDigest());
      assertThat(src.describe()).isEqualTo("docker://" + registry.hostPort() + "/jpod/hello:1");
      assertThat(src.listTags()).containsExactly("1");
    }
    assertThat(client.manifestDigest("jpod/hello", "1")).contains(img.manifestDigest());
    assertThat(client.manifestDigest("jpod/hello", "nope")).isEmpty();
    RawManifest byDigest = client.getManifest("jpod/hello", img.manifestDigest());
    assertThat(byDigest.bytes()).isEqualTo(img.manifest().bytes());
  }

  @Test
  void dockerSchema2PushKeepsMediaType() throws Exception {
    TestImages.Image img = TestImages.image("amd64", "docker", false);
    try (RegistryDestination dest = new RegistryDestination(client, ref("jpod/docker:v2"), null)) {
      TestImages.push(dest, img);
    }
    RawManifest m = client.getManifest("jpod/docker", "v2");
    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(m.bytes()).isEqualTo(img.manifest().bytes());
  }

  @Test
  void skopeoReadsWhatWePushed() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/skopeo")), "skopeo is not installed");
    TestImages.Image img = TestImages.image("amd64", "for skopeo", true);
    try (RegistryDestination dest = new RegistryDestination(client, ref("jpod/peer:latest"), null)) {
      TestImages.push(dest, img);
    }
    Process p = new ProcessBuilder("skopeo", "inspect", "--tls-verify=false",
        "docker://" + registry.hostPort() + "/jpod/peer:latest").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    JsonNode json = Json.mapper().readTree(out);
    assertThat(json.path("Digest").asText()).isEqualTo(img.manifestDigest());
    assertThat(json.path("Architecture").asText()).isEqualTo("amd64");
    assertThat(json.path("Layers").get(0).asText()).isEqualTo(img.layerDigest());

    // And the other way: skopeo copies the image to another repository, we read it back.
    Process copy = new ProcessBuilder("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
        "docker://" + registry.hostPort() + "/jpod/peer:latest",
        "docker://" + registry.hostPort() + "/jpod/peer-copy:x").redirectErrorStream(true).start();
    String copyOut = new String(copy.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(copy.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(copy.exitValue()).as(copyOut).isZero();
    try (RegistrySource src = new RegistrySource(client, ref("jpod/peer-copy:x"), null)) {
      TestImages.pullAndVerify(src);
    }
  }

  @Test
  void unknownTagAndRepositoryAreNotFound() {
    TestImages.Image img = TestImages.image("amd64", "nf", true);
    try (RegistryDestination dest = new RegistryDestination(client, ref("jpod/nf:present"), null)) {
      TestImages.push(dest, img);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> RegistrySource.open(insecureAccess(), ref("jpod/nf:missing"), null).close())
        .isInstanceOfSatisfying(JpodException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.getMessage()).isEqualTo("initializing source docker://" + registry.hostPort()
              + "/jpod/nf:missing: reading manifest missing in " + registry.hostPort()
              + "/jpod/nf: manifest unknown");
        });
    assertThatThrownBy(() -> client.getManifest("jpod/never-pushed", "latest"))
        .isInstanceOfSatisfying(JpodException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.getMessage()).startsWith("reading manifest latest in " + registry.hostPort()
              + "/jpod/never-pushed: ");
        });
    assertThatThrownBy(() -> client.getBlob("jpod/nf", "sha256:" + "0".repeat(64)))
        .isInstanceOfSatisfying(JpodException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThat(client.blobExists("jpod/nf", img.layerDigest())).isTrue();
    assertThat(client.blobExists("jpod/nf", "sha256:" + "0".repeat(64))).isFalse();
  }

  @Test
  void unreachableRegistryIsOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (RegistryClient c = new RegistryClient("127.0.0.1:" + port, RegistryClient.Options.defaults())) {
      assertThatThrownBy(() -> c.getManifest("x", "latest"))
          .isInstanceOfSatisfying(JpodException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.REGISTRY);
            assertThat(e.getMessage()).isEqualTo("pinging container registry 127.0.0.1:" + port + ": Get \"https://127.0.0.1:"
                + port + "/v2/\": dial tcp 127.0.0.1:" + port + ": connect: connection refused");
          });
    }
    try (RegistryClient c = new RegistryClient("127.0.0.1:" + port,
        RegistryClient.Options.defaults().withTlsVerify(false))) {
      // With verification off the last attempt is plain HTTP, as in podman.
      assertThatThrownBy(c::ping).hasMessage("pinging container registry 127.0.0.1:" + port + ": Get \"http://127.0.0.1:"
          + port + "/v2/\": dial tcp 127.0.0.1:" + port + ": connect: connection refused");
    }
  }

  @Test
  void plainHttpNeedsTlsVerifyOff() {
    try (RegistryClient c = new RegistryClient(registry.hostPort(), RegistryClient.Options.defaults())) {
      assertThatThrownBy(c::ping).hasMessage("pinging container registry " + registry.hostPort() + ": Get \"https://"
          + registry.hostPort() + "/v2/\": http: server gave HTTP response to HTTPS client");
    }
    assertThat(client.scheme()).isEqualTo("http");
  }

  @Test
  void manifestFetchedByDigestIsVerified() throws Exception {
    TestImages.Image img = TestImages.image("amd64", "to corrupt", true);
    try (RegistryDestination dest = new RegistryDestination(client, ref("jpod/corrupt:1"), null)) {
      TestImages.push(dest, img);
    }
    // Rewrite the stored manifest behind the registry's back: still valid JSON of the same length (one
    // hex digit of the layer digest changed), so only the client's digest check can notice.
    Path data = registry.blobDataFile(img.manifestDigest());
    String text = Files.readString(data);
    int at = text.lastIndexOf("sha256:") + "sha256:".length();
    char flipped = text.charAt(at) == 'a' ? 'b' : 'a';
    byte[] bytes = (text.substring(0, at) + flipped + text.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
    Files.write(data, bytes);
    assertThatThrownBy(() -> client.getManifest("jpod/corrupt", img.manifestDigest()))
        .isInstanceOfSatisfying(JpodException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.REGISTRY);
          assertThat(e.getMessage()).contains("manifest does not match provided manifest digest " + img.manifestDigest());
        });
    // By tag nothing can be checked; the caller gets the bytes as served.
    assertThat(client.getManifest("jpod/corrupt", "1").bytes()).isEqualTo(bytes);
  }

  @Test
  void indexPicksThePlatform() throws Exception {
    TestImages.Image amd = TestImages.image("amd64", "amd", true);
    TestImages.Image arm = TestImages.image("arm", "arm", true);
    ImageReference r = ref("jpod/multi:1");
    for (TestImages.Image i : List.of(amd, arm)) {
      try (RegistryDestination dest = new RegistryDestination(client, r.withDigest(i.manifestDigest()), null)) {
        TestImages.push(dest, i);
      }
    }
    RawManifest index = TestImages.index(List.of(amd, arm), List.of("", "v7"));
    String indexDigest = client.putManifest("jpod/multi", "1", index);
    assertThat(indexDigest).isEqualTo(Digest.of(index.bytes()).toString());

    try (RegistrySource src = new RegistrySource(client, r, new Platform("arm", "linux", "v7"))) {
      TestImages.pullAndVerify(src);
      assertThat(src.manifest().bytes()).isEqualTo(arm.manifest().bytes());
      assertThat(src.indexDigest()).isEqualTo(indexDigest);
      assertThat(src.topManifest().mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    }
    try (RegistrySource src = new RegistrySource(client, r, new Platform("amd64", "linux", null))) {
      assertThat(src.manifest().bytes()).isEqualTo(amd.manifest().bytes());
    }
    try (RegistrySource src = new RegistrySource(client, r, new Platform("arm", "linux", null))) {
      assertThat(src.manifest().bytes()).isEqualTo(arm.manifest().bytes()); // the usual arm variant
    }
    try (RegistrySource src = new RegistrySource(client, r, new Platform("arm64", "linux", null))) {
      assertThatThrownBy(src::manifest).isInstanceOfSatisfying(JpodException.class, e -> assertThat(e.getMessage())
          .isEqualTo("choosing an image from manifest list docker://" + registry.hostPort()
              + "/jpod/multi:1: no image found in image index for architecture \"arm64\", variant \"\", OS \"linux\""));
    }
  }

  @Test
  void crossRepositoryMount() throws Exception {
    TestImages.Image img = TestImages.image("amd64", "mount me", true);
    try (RegistryDestination dest = new RegistryDestination(client, ref("jpod/mount-src:1"), null)) {
      TestImages.push(dest, img);
    }
    List<String> asked = new ArrayList<>();
    try (RegistryDestination dest = new RegistryDestination(client, ref("jpod/mount-dst:1"), d -> {
      asked.add(d);
      return List.of("jpod/mount-src");
    })) {
      var reused = dest.tryReuseLayer(0, new io.jpod.image.transport.BlobInfo(MediaTypes.OCI_LAYER_GZIP,
          img.layerDigest(), -1), img.diffId());
      assertThat(reused).isNotNull();
      assertThat(reused.digest()).isEqualTo(img.layerDigest());
      assertThat(reused.size()).isEqualTo(img.layerGz().length);
      assertThat(asked).containsExactly(img.layerDigest());
      // Now present in the target: a second call is a plain HEAD hit.
      assertThat(dest.tryReuseLayer(0, new io.jpod.image.transport.BlobInfo(MediaTypes.OCI_LAYER_GZIP,
          img.layerDigest(), -1), img.diffId())).isNotNull();
    }
    assertThat(client.blobExists("jpod/mount-dst", img.layerDigest())).isTrue();
    assertThat(client.mountBlob("jpod/mount-dst2", "sha256:" + "1".repeat(64), "jpod/mount-src")).isFalse();
  }

  @Test
  void uploadChecksAKnownDigest() {
    byte[] data = "some bytes".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> client.uploadBlob("jpod/upload", new ByteArrayInputStream(data),
        "sha256:" + "2".repeat(64), -1))
        .hasMessageContaining("digest mismatch");
    var info = client.uploadBlob("jpod/upload", new ByteArrayInputStream(data), null, data.length);
    assertThat(info.digest()).isEqualTo(Digest.of(data).toString());
    assertThat(client.blobSize("jpod/upload", info.digest())).hasValue(data.length);
  }

  @Test
  void largeBlobStreamsInParallel() throws Exception {
    // 4 distinct 3 MiB blobs, uploaded chunked and downloaded from virtual threads at once.
    List<byte[]> blobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      byte[] b = new byte[3 << 20];
      new java.util.Random(i).nextBytes(b);
      blobs.add(b);
    }
    List<String> digests = new ArrayList<>();
    for (byte[] b : blobs) {
      digests.add(client.uploadBlob("jpod/big", new ByteArrayInputStream(b), null, -1).digest());
    }
    try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> results = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (String d : digests) {
          results.add(ex.submit(() -> {
            try (InputStream in = client.getBlob("jpod/big", d)) {
              return Digest.of(in.readAllBytes()).toString();
            }
          }));
        }
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(digests.get(i % digests.size()));
      }
    }
  }

  @Test
  void tagsArePaginatedAndSearchUsesTheCatalog() throws Exception {
    TestImages.Image img = TestImages.image("amd64", "tags", true);
    try (RegistryDestination dest = new RegistryDestination(client, ref("jpod/tagged:t1"), null)) {
      TestImages.push(dest, img);
    }
    for (String t : List.of("t2", "t3", "t4", "t5")) {
      client.putManifest("jpod/tagged", t, img.manifest());
    }
    assertThat(client.listTags("jpod/tagged")).containsExactlyInAnyOrder("t1", "t2", "t3", "t4", "t5");
    assertThat(client.listTags("jpod/tagged", 2)).containsExactlyInAnyOrder("t1", "t2", "t3", "t4", "t5");
    assertThat(client.search("tagged", 25)).extracting(RegistryClient.SearchResult::name).containsExactly("jpod/tagged");
    assertThat(client.search("", 1000)).extracting(RegistryClient.SearchResult::name).contains("jpod/tagged");
    assertThat(client.search("no-such-thing", 25)).isEmpty();
    assertThatThrownBy(() -> client.listTags("jpod/no-such-repo"))
        .isInstanceOfSatisfying(JpodException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void registriesConfRewritesAndMirrors() throws Exception {
    TestImages.Image img = TestImages.image("amd64", "mirror", true);
    try (RegistryDestination dest = new RegistryDestination(client, ref("mirror/app:1"), null)) {
      TestImages.push(dest, img);
    }
    Path conf = tmp.resolve("registries.conf");
    Files.writeString(conf, """
        [[registry]]
        prefix = "example.invalid/app"
        location = "%s/mirror/app"
        insecure = true
        """.formatted(registry.hostPort()));
    RegistriesConf rc = new RegistriesConf(conf, null, null);
    RegistryAccess access = new RegistryAccess(rc, null, null, null, null, List.of());
    try (RegistrySource src = RegistrySource.open(access, ImageReference.parse("example.invalid/app:1"), null)) {
      assertThat(src.reference().toString()).isEqualTo(registry.hostPort() + "/mirror/app:1");
      assertThat(src.describe()).isEqualTo("docker://example.invalid/app:1");
      TestImages.pullAndVerify(src);
    }
    // A mirror that lacks the image is skipped for the primary location.
    Files.writeString(conf, """
        [[registry]]
        location = "%1$s"
        insecure = true
        [[registry.mirror]]
        location = "%1$s/empty-mirror"
        insecure = true
        """.formatted(registry.hostPort()));
    rc = new RegistriesConf(conf, null, null);
    access = new RegistryAccess(rc, null, null, null, null, List.of());
    try (RegistrySource src = RegistrySource.open(access, ref("mirror/app:1"), null)) {
      assertThat(src.reference()).isEqualTo(ref("mirror/app:1"));
    }
    Files.writeString(conf, """
        [[registry]]
        location = "%s"
        blocked = true
        """.formatted(registry.hostPort()));
    RegistryAccess blocked = new RegistryAccess(new RegistriesConf(conf, tmp.resolve("d"), null), null, null, null,
        null, List.of());
    assertThatThrownBy(() -> RegistrySource.open(blocked, ref("mirror/app:1"), null))
        .hasMessage("registry " + registry.hostPort() + " is blocked in " + conf + " or " + tmp.resolve("d"));
  }
}
