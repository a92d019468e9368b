package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jpod.image.transport.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour the real registry does not show: blob redirects to another host (S3-style storage), which
 * must not receive the registry credentials, and a manifest served without a usable Content-Type.
 */
class RegistryRedirectTest {
  private HttpServer registry;
  private HttpServer storage;
  private final Map<String, String> authSeen = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    storage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    storage.createContext("/", ex -> answer(ex, "storage", "from storage"));
    storage.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    storage.start();
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    registry.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/v2/")) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"stub\"");
        ex.sendResponseHeaders(401, -1);
        ex.close();
      } else if (path.startsWith("/v2/app/blobs/sha256:aa")) {
        redirect(ex, "http://127.0.0.1:" + storage.getAddress().getPort() + "/bucket/blob");
      } else if (path.startsWith("/v2/app/blobs/sha256:bb")) {
        redirect(ex, "/local-storage/blob");
      } else if (path.equals("/local-storage/blob")) {
        answer(ex, "local", "from local storage");
      } else if (path.equals("/v2/app/manifests/v1")) {
        byte[] body = "{\"schemaVersion\":1,\"name\":\"app\"}".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", MediaTypes.DOCKER_SCHEMA1_SIGNED);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      } else if (path.equals("/v2/app/manifests/odd")) {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/vnd.example.thing+json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      } else if (path.equals("/v2/app/manifests/plain")) {
        byte[] body = "{\"schemaVersion\":2,\"config\":{},\"layers\":[]}".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      } else {
        ex.sendResponseHeaders(404, -1);
        ex.close();
      }
    });
    // Its own threads: the ping's https attempt leaves a connection the server can't parse, and the
    // default single dispatcher thread would be stuck on it.
    registry.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    registry.start();
  }

  @AfterEach
  void stop() {
    registry.stop(0);
    storage.stop(0);
  }

  private void redirect(HttpExchange ex, String location) throws IOException {
    authSeen.put("registry", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
    ex.getResponseHeaders().add("Location", location);
    ex.sendResponseHeaders(307, -1);
    ex.close();
  }

  private void answer(HttpExchange ex, String who, String text) throws IOException {
    authSeen.put(who, String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  private RegistryClient client() {
    return new RegistryClient("127.0.0.1:" + registry.getAddress().getPort(),
        new RegistryClient.Options(false, null, java.util.List.of(), AuthFile.Credentials.of("u", "p"),
            // The JDK's HttpServer never answers a TLS hello: keep the https attempt of the ping short.
            java.time.Duration.ofSeconds(2)));
  }

  @Test
  void credentialsStayWithTheRegistryHost() throws IOException {
    try (RegistryClient c = client(); InputStream in = c.getBlob("app", "sha256:" + "a".repeat(64))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from storage");
    }
    assertThat(authSeen.get("registry")).startsWith("Basic ");
    assertThat(authSeen.get("storage")).isEqualTo("null");
  }

  @Test
  void sameHostRedirectKeepsCredentials() throws IOException {
    try (RegistryClient c = client(); InputStream in = c.getBlob("app", "sha256:" + "b".repeat(64))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from local storage");
    }
    assertThat(authSeen.get("local")).startsWith("Basic ");
  }

  @Test
  void schema1AndUnknownManifestsAreRefusedClearly() {
    String host = "127.0.0.1:" + registry.getAddress().getPort();
    try (RegistryClient c = client();
        RegistrySource v1 = new RegistrySource(c, ImageReference.parse(host + "/app:v1"), null);
        RegistrySource odd = new RegistrySource(c, ImageReference.parse(host + "/app:odd"), null)) {
      assertThatThrownBy(v1::manifest).hasMessage("initializing source docker://" + host + "/app:v1: unsupported "
          + "manifest type application/vnd.docker.distribution.manifest.v1+prettyjws: Docker schema 1 images are "
          + "not supported (re-push the image with a current client)");
      assertThatThrownBy(odd::manifest).hasMessage("initializing source docker://" + host + "/app:odd: unsupported "
          + "manifest type \"application/vnd.example.thing+json\"");
    }
  }

  @Test
  void manifestTypeIsGuessedWhenTheServerDoesNotSayIt() {
    try (RegistryClient c = client()) {
      assertThat(c.getManifest("app", "plain").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }
  }
}
