package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.image.registry.TestRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pull and push against the real distribution registry (Debian's docker-registry) on loopback, with
 * skopeo as an independent peer: plain HTTP, htpasswd basic auth and TLS with a self-signed CA.
 */
class RegistryIT extends JpodTestBase {
  private TestRegistry plain;
  private TestRegistry auth;
  private TestRegistry tls;
  private Path authFile;

  @BeforeAll
  void startRegistries() throws IOException {
    plain = TestRegistry.plain();
    auth = TestRegistry.builder().basicAuth("alice", "s3cret").start();
    tls = TestRegistry.builder().tls().start();
    authFile = jpod.dir().resolve("auth.json");
  }

  @AfterAll
  void stopRegistries() {
    Stream.of(plain, auth, tls).filter(r -> r != null).forEach(TestRegistry::close);
  }

  private String ref(TestRegistry r, String repo) {
    return r.hostPort() + "/" + repo;
  }

  @Test
  void pushPullRunRoundTrip() {
    String ref = ref(plain, "rt/busybox:1");
    assertThat(jpod("push", "--tls-verify=false", BusyboxImage.NAME, ref)).exitedWith(0)
        .stderrContains("Copying blob sha256:", "Writing manifest to image destination");
    String id = jpod("images", "-q", "--no-trunc", BusyboxImage.NAME).out().strip();
    assertThat(jpod("tag", BusyboxImage.NAME, "keepme")).exitsCleanly();
    CliResult pull = jpod("pull", "--tls-verify=false", ref);
    assertThat(pull).exitedWith(0).stderrContains("Trying to pull " + ref + "...", "Copying config sha256:");
    assertThat(pull.out().strip()).isEqualTo(id.replace("sha256:", ""));
    assertThat(jpod("run", "--rm", ref, "echo", "pulled-ok")).exitsCleanly().stdoutIs("pulled-ok");
    assertThat(jpod("pull", "-q", "--tls-verify=false", ref)).exitsCleanly().stdoutIs(pull.out()).stderrIs("");
  }

  @Test
  void runPullsAMissingImageByPolicy() {
    String ref = ref(plain, "run/pulled:1");
    assertThat(jpod("push", "-q", "--tls-verify=false", BusyboxImage.NAME, ref)).exitsCleanly();
    assertThat(jpod("run", "--rm", "--pull=never", ref, "true")).exitedWith(125)
        .stderrIs("Error: " + ref + ": image not known");
    CliResult r = jpod("run", "--rm", "--tls-verify=false", ref, "echo", "ran");
    assertThat(r).exitedWith(0).stdoutIs("ran").stderrContains("Trying to pull " + ref + "...");
    // Present now: missing (the default) does not pull again.
    assertThat(jpod("run", "--rm", ref, "echo", "again")).exitsCleanly().stdoutIs("again");
    assertThat(jpod("run", "--rm", "-q", "--pull=always", "--tls-verify=false", ref, "echo", "always"))
        .exitsCleanly().stdoutIs("always");
    assertThat(jpod("create", "--pull=sometimes", ref)).exitedWith(125).singleErrorLine();
  }

  @Test
  void skopeoPushedImagePullsAndRuns() throws Exception {
    Path archive = jpod.dir().resolve("for-skopeo.tar");
    assertThat(jpod("save", "-o", archive.toString(), BusyboxImage.NAME)).exitedWith(0);
    run("skopeo", "copy", "-q", "--dest-tls-verify=false", "docker-archive:" + archive,
        "docker://" + ref(plain, "peer/from-skopeo:v2"));
    assertThat(jpod("pull", "-q", "--tls-verify=false", ref(plain, "peer/from-skopeo:v2"))).exitsCleanly();
    assertThat(jpod("run", "--rm", ref(plain, "peer/from-skopeo:v2"), "cat", "/etc/passwd"))
        .exitsCleanly().stdoutContains("root:");
  }

  @Test
  void jpodPushedImageIsReadableBySkopeo() throws Exception {
    Path digestFile = jpod.dir().resolve("digest");
    String ref = ref(plain, "peer/by-jpod:latest");
    assertThat(jpod("push", "--tls-verify=false", "--digestfile", digestFile.toString(), BusyboxImage.NAME, ref))
        .exitedWith(0);
    String digest = Files.readString(digestFile).strip();
    assertThat(digest).matches("sha256:[0-9a-f]{64}");
    JsonNode inspect = new ObjectMapper().readTree(run("skopeo", "inspect", "--tls-verify=false", "docker://" + ref));
    assertThat(inspect.path("Digest").asText()).isEqualTo(digest);
    assertThat(inspect.path("Layers")).hasSize(1);
    Path oci = jpod.dir().resolve("skopeo-oci");
    run("skopeo", "copy", "-q", "--src-tls-verify=false", "docker://" + ref, "oci:" + oci + ":x");
    assertThat(oci.resolve("index.json")).exists();
    // Pushing again uploads nothing new and gives the same manifest.
    assertThat(jpod("push", "--tls-verify=false", "--digestfile", digestFile.toString(), BusyboxImage.NAME, ref))
        .exitedWith(0);
    assertThat(Files.readString(digestFile).strip()).isEqualTo(digest);
  }

  @Test
  void basicAuthLoginPullLogout() {
    String ref = ref(auth, "private/bb:1");
    String af = "--authfile=" + authFile;
    assertThat(jpod("push", af, "--tls-verify=false", BusyboxImage.NAME, ref)).exitedWith(125)
        .stderrContains("authentication required");
    assertOneError(jpod("push", af, "--tls-verify=false", BusyboxImage.NAME, ref));
    assertThat(jpod("login", af, "--tls-verify=false", "-u", "alice", "-p", "wrong", auth.hostPort()))
        .exitedWith(125).stderrContains("invalid username/password");
    assertThat(authFile).doesNotExist();
    assertThat(jpod("login", af, "--tls-verify=false", "-u", "alice", "-p", "s3cret", auth.hostPort()))
        .exitsCleanly().stdoutIs("Login Succeeded!");
    assertThat(authFile).exists();
    assertThat(jpod("push", af, "--tls-verify=false", BusyboxImage.NAME, ref)).exitedWith(0);
    assertThat(jpod("pull", af, "-q", "--tls-verify=false", ref)).exitsCleanly();
    assertThat(jpod("login", af, "--get-login", auth.hostPort())).exitsCleanly().stdoutIs("alice");
    assertThat(jpod("logout", af, auth.hostPort())).exitsCleanly()
        .stdoutIs("Removed login credentials for " + auth.hostPort());
    assertThat(jpod("logout", af, auth.hostPort())).exitedWith(125)
        .stderrIs("Error: not logged into " + auth.hostPort());
    // --creds works without a stored login.
    assertThat(jpod("pull", af, "-q", "--tls-verify=false", "--creds", "alice:s3cret", ref)).exitsCleanly();
  }

  @Test
  void tlsWithSelfSignedCa() {
    String ref = ref(tls, "secure/bb:1");
    CliResult untrusted = jpod("push", BusyboxImage.NAME, ref);
    assertThat(untrusted).exitedWith(125).stderrContains("x509: certificate signed by unknown authority");
    assertOneError(untrusted);
    assertThat(jpod("push", "--tls-verify=false", BusyboxImage.NAME, ref)).exitedWith(0);
    assertThat(jpod("pull", "-q", "--cert-dir", tls.certDir().toString(), ref)).exitsCleanly();
  }

  @Test
  void corruptBlobIsRejectedAndLeavesNothing() throws Exception {
    // A layer no other test pushes (the registry shares blobs between repositories) and the local store
    // does not keep (so the pull downloads it).
    Path dir = Files.createDirectories(jpod.dir().resolve("corrupt-rootfs"));
    Files.writeString(dir.resolve("unique"), java.util.UUID.randomUUID().toString());
    Path tar = jpod.dir().resolve("corrupt.tar");
    run("tar", "-C", dir.toString(), "-cf", tar.toString(), ".");
    assertThat(jpod("import", "-q", tar.toString(), "corruptme")).exitsCleanly();
    String ref = ref(plain, "bad/corrupt:1");
    assertThat(jpod("push", "-q", "--tls-verify=false", "corruptme", ref)).exitsCleanly();
    assertThat(jpod("rmi", "corruptme")).exitsCleanly();
    JsonNode manifest = new ObjectMapper().readTree(
        run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref));
    String layer = manifest.path("layers").get(0).path("digest").asText();
    Path data = plain.blobDataFile(layer);
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(data, bytes);
    long layersBefore = countLayers();
    List<String> imagesBefore = jpod("images", "-q", "--no-trunc").lines();
    CliResult r = jpod("pull", "--tls-verify=false", ref);
    assertThat(r).exitedWith(125).stderrContains("digest");
    assertOneError(r);
    assertThat(jpod("images", "-q", "--no-trunc").lines()).isEqualTo(imagesBefore);
    assertThat(countLayers()).isEqualTo(layersBefore);
  }

  @Test
  void badReferencesGiveOneLineErrors() {
    assertThat(jpod("pull", "--tls-verify=false", ref(plain, "nope/missing:1"))).exitedWith(125)
        .stderrContains("manifest unknown");
    assertThat(jpod("pull", "--tls-verify=false", ref(plain, "rt/busybox:no-such-tag"))).exitedWith(125)
        .stderrContains("manifest unknown");
    CliResult unreachable = jpod("pull", "--tls-verify=false", "127.0.0.1:1/x:1");
    assertThat(unreachable).exitedWith(125).stderrContains("connection refused");
    assertOneError(unreachable);
    assertThat(jpod("pull", "Not/A:Valid::ref")).exitedWith(125).singleErrorLine();
  }

  @Test
  void indexWithoutHostPlatformIsRefused() throws Exception {
    String single = ref(plain, "multi/img:arm-only");
    assertThat(jpod("import", "-q", "--arch", "arm64", busybox.tar().toString(), "armbox")).exitsCleanly();
    Path digestFile = jpod.dir().resolve("arm-digest");
    assertThat(jpod("push", "--tls-verify=false", "--digestfile", digestFile.toString(), "armbox", single))
        .exitedWith(0);
    String digest = Files.readString(digestFile).strip();
    byte[] raw = run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + single).getBytes();
    String index = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,
           "platform":{"architecture":"arm64","os":"linux"}}]}""".formatted(digest, raw.length);
    HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://" + plain.hostPort() + "/v2/multi/img/manifests/index"))
        .header("Content-Type", "application/vnd.oci.image.index.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofString(index)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(201);
    CliResult r = jpod("pull", "--tls-verify=false", ref(plain, "multi/img:index"));
    assertThat(r).exitedWith(125).stderrContains("no image found in image index", "multi/img:index");
    assertThat(jpod("pull", "-q", "--tls-verify=false", "--platform", "linux/arm64", ref(plain, "multi/img:index")))
        .exitsCleanly();
  }

  @Test
  void allTagsSearchAndManifestInspect() {
    for (String tag : List.of("a", "b", "c")) {
      assertThat(jpod("push", "--tls-verify=false", BusyboxImage.NAME, ref(plain, "tags/bb:" + tag))).exitedWith(0);
    }
    CliResult all = jpod("pull", "-q", "--all-tags", "--tls-verify=false", ref(plain, "tags/bb"));
    assertThat(all).exitsCleanly();
    assertThat(all.lines()).hasSize(3);
    assertThat(jpod("images", "--format", "{{.Repository}}:{{.Tag}}").lines())
        .filteredOn(l -> l.startsWith(ref(plain, "tags/bb:")))
        .containsExactlyInAnyOrder(ref(plain, "tags/bb:a"), ref(plain, "tags/bb:b"), ref(plain, "tags/bb:c"));
    assertThat(jpod("search", "--tls-verify=false", ref(plain, "tags"))).exitsCleanly()
        .stdoutContains("NAME", plain.hostPort() + "/tags/bb");
    assertThat(jpod("search", "--tls-verify=false", "--list-tags", ref(plain, "tags/bb"))).exitsCleanly()
        .stdoutContains("TAG", "a", "b", "c");
    assertThat(jpod("manifest", "inspect", "--tls-verify=false", ref(plain, "tags/bb:a"))).exitsCleanly()
        .stdoutContains("\"schemaVersion\": 2", "\"layers\"");
  }

  /** podman prints progress and notes before failing; the failure itself is one Error: line. */
  private static void assertOneError(CliResult r) {
    assertThat(r.errLines().stream().filter(l -> l.startsWith("Error:")).count()).as(r.toString()).isEqualTo(1);
  }

  private long countLayers() throws IOException {
    try (Stream<Path> s = Files.list(jpod.root().resolve("overlay"))) {
      return s.filter(p -> !p.getFileName().toString().equals("l")).count();
    }
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes());
    String err = new String(p.getErrorStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + err);
    }
    return out;
  }
}
