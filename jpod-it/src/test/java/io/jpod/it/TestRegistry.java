package io.jpod.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real distribution registry ({@code docker-registry serve}, Debian package {@code docker-registry})
 * on a free loopback port, with its storage in a temp directory; optionally with htpasswd Basic auth
 * (needs {@code htpasswd} from apache2-utils), a self-signed TLS certificate (needs {@code openssl}), or
 * Bearer token auth whose tokens (real RS256 JWTs the registry verifies) come from a small token server
 * run here. Self-contained (JDK only) so integration tests can copy it.
 *
 * <pre>
 * try (TestRegistry reg = TestRegistry.builder().basicAuth("u", "p").tls().start()) {
 *   reg.hostPort();   // "127.0.0.1:40123"
 *   reg.certsRoot();  // a certs.d-style directory: &lt;root&gt;/127.0.0.1:40123/ca.crt
 * }
 * </pre>
 */
public final class TestRegistry implements AutoCloseable {
  public static final String BINARY = "/usr/bin/docker-registry";

  private final Path dir;
  private final int port;
  private final boolean tls;
  private final String user;
  private final String password;
  private final Process process;
  private final TokenServer tokenServer;

  /** Whether the registry binary is installed (tests skip otherwise). */
  public static boolean available() {
    return Files.isExecutable(Path.of(BINARY));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A plain-HTTP registry without authentication. */
  public static TestRegistry plain() {
    return builder().start();
  }

  /** Options; {@link #start()} launches the registry and waits until it accepts connections. */
  public static final class Builder {
    private boolean tls;
    private String user;
    private String password;
    private boolean token;
    private boolean anonymousPull = true;

    public Builder tls() {
      this.tls = true;
      return this;
    }

    /** htpasswd Basic auth with one user. */
    public Builder basicAuth(String user, String password) {
      this.user = user;
      this.password = password;
      this.token = false;
      return this;
    }

    /** Bearer token auth; the token server accepts {@code user}/{@code password} (null: anyone). */
    public Builder tokenAuth(String user, String password) {
      this.user = user;
      this.password = password;
      this.token = true;
      return this;
    }

    /** With token auth: whether anonymous clients get pull access (default true). */
    public Builder anonymousPull(boolean allowed) {
      this.anonymousPull = allowed;
      return this;
    }

    public TestRegistry start() {
      try {
        return new TestRegistry(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private TestRegistry(Builder b) throws IOException, InterruptedException {
    this.dir = Files.createTempDirectory("jpod-test-registry");
    this.tls = b.tls;
    this.user = b.user;
    this.password = b.password;
    StringBuilder conf = new StringBuilder();
    conf.append("version: 0.1\n")
        .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
        .append("storage:\n  filesystem:\n    rootdirectory: ").append(dir.resolve("data")).append('\n')
        .append("  delete:\n    enabled: true\n");
    if (b.token) {
      Path key = dir.resolve("token.key");
      Path cert = dir.resolve("token.crt");
      run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
          cert.toString(), "-days", "2", "-subj", "/CN=jpod-test-token-issuer"));
      tokenServer = new TokenServer(key, cert, b.user, b.password, b.anonymousPull);
      conf.append("auth:\n  token:\n    realm: http://127.0.0.1:").append(tokenServer.port()).append("/token\n")
          .append("    service: ").append(TokenServer.SERVICE).append('\n')
          .append("    issuer: ").append(TokenServer.ISSUER).append('\n')
          .append("    rootcertbundle: ").append(cert).append('\n');
    } else {
      tokenServer = null;
      if (b.user != null) {
        Path htpasswd = dir.resolve("htpasswd");
        String line = run(List.of("htpasswd", "-Bbn", b.user, b.password)).strip();
        Files.writeString(htpasswd, line + "\n");
        conf.append("auth:\n  htpasswd:\n    realm: jpod-test\n    path: ").append(htpasswd).append('\n');
      }
    }
    if (b.tls) {
      run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
          dir.resolve("tls.key").toString(), "-out", dir.resolve("tls.crt").toString(), "-days", "2",
          "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
    }
    Process p = null;
    int chosen = -1;
    for (int attempt = 0; attempt < 5 && p == null; attempt++) {
      chosen = freePort();
      StringBuilder full = new StringBuilder(conf);
      full.append("http:\n  addr: 127.0.0.1:").append(chosen).append("\n  secret: jpod-test-secret\n");
      if (b.tls) {
        full.append("  tls:\n    certificate: ").append(dir.resolve("tls.crt")).append('\n')
            .append("    key: ").append(dir.resolve("tls.key")).append('\n');
      }
      Path config = dir.resolve("config.yml");
      Files.writeString(config, full);
      Process candidate = new ProcessBuilder(BINARY, "serve", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("registry.log").toFile())
          .start();
      if (waitListening(candidate, chosen)) {
        p = candidate;
      } else {
        candidate.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (p == null) {
      String log = Files.exists(dir.resolve("registry.log")) ? Files.readString(dir.resolve("registry.log")) : "";
      close0(null);
      throw new IllegalStateException("docker-registry did not start: " + log);
    }
    this.process = p;
    this.port = chosen;
    if (b.tls) {
      Path certDir = certsRoot().resolve(hostPort());
      Files.createDirectories(certDir);
      Files.copy(dir.resolve("tls.crt"), certDir.resolve("ca.crt"));
    }
  }

  private static boolean waitListening(Process p, int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        return false;
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return s.isConnected();
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  /** {@code 127.0.0.1:<port>}, the registry part of references. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public boolean isTls() {
    return tls;
  }

  /** The base URL ({@code http://} or {@code https://}). */
  public String url() {
    return (tls ? "https://" : "http://") + hostPort();
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** The self-signed server certificate (PEM), or null without TLS. */
  public Path caCert() {
    return tls ? dir.resolve("tls.crt") : null;
  }

  /** A certs.d-style root: {@code <root>/<hostPort>/ca.crt} (exists only with TLS). */
  public Path certsRoot() {
    return dir.resolve("certs.d");
  }

  /** {@code <certsRoot>/<hostPort>}, usable as {@code --cert-dir}. */
  public Path certDir() {
    return certsRoot().resolve(hostPort());
  }

  /** The registry's storage root (the filesystem driver's {@code rootdirectory}). */
  public Path dataDir() {
    return dir.resolve("data");
  }

  /** Where the registry stores blob {@code sha256:<hex>}'s bytes. */
  public Path blobDataFile(String digest) {
    String hex = digest.substring("sha256:".length());
    return dataDir().resolve("docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
  }

  /** Query strings the token server received, in order (empty without token auth). */
  public List<String> tokenRequests() {
    return tokenServer == null ? List.of() : List.copyOf(tokenServer.requests);
  }

  /** What the registry logged so far. */
  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    close0(process);
  }

  private void close0(Process p) {
    if (p != null) {
      p.destroy();
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (tokenServer != null) {
      tokenServer.stop();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  /**
   * The token endpoint of the Docker token auth spec: {@code GET /token?service=&scope=&account=} with
   * optional Basic credentials, answering {@code {"token": <RS256 JWT>}} whose {@code x5c} header carries
   * the certificate the registry trusts ({@code rootcertbundle}).
   */
  private static final class TokenServer {
    static final String SERVICE = "jpod-test-registry";
    static final String ISSUER = "jpod-test-issuer";

    private final HttpServer server;
    private final PrivateKey key;
    private final String certB64;
    private final String user;
    private final String password;
    private final boolean anonymousPull;
    final List<String> requests = new CopyOnWriteArrayList<>();

    TokenServer(Path keyFile, Path certFile, String user, String password, boolean anonymousPull) throws IOException {
      this.user = user;
      this.password = password;
      this.anonymousPull = anonymousPull;
      try {
        String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certFile)) {
          cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        certB64 = Base64.getEncoder().encodeToString(cert.getEncoded());
      } catch (java.security.GeneralSecurityException e) {
        throw new IOException(e);
      }
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      server.createContext("/token", this::handle);
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    void stop() {
      server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        String query = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(query + (auth != null ? " [basic]" : ""));
        boolean authenticated = false;
        String account = "";
        if (auth != null && auth.startsWith("Basic ")) {
          String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
          int colon = decoded.indexOf(':');
          String u = decoded.substring(0, colon);
          String pw = decoded.substring(colon + 1);
          if (user != null && !(u.equals(user) && pw.equals(password))) {
            byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"invalid credentials\"}]}"
                .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(401, body.length);
            ex.getResponseBody().write(body);
            return;
          }
          authenticated = true;
          account = u;
        }
        List<String> access = new ArrayList<>();
        for (String part : query.split("&")) {
          if (!part.startsWith("scope=")) {
            continue;
          }
          String scope = URLDecoder.decode(part.substring(6), StandardCharsets.UTF_8);
          for (String one : scope.split(" ")) {
            String[] f = one.split(":");
            if (f.length < 3) {
              continue;
            }
            String type = f[0];
            String name = String.join(":", java.util.Arrays.copyOfRange(f, 1, f.length - 1));
            List<String> actions = new ArrayList<>();
            for (String a : f[f.length - 1].split(",")) {
              if (authenticated || user == null || (anonymousPull && a.equals("pull"))) {
                actions.add("\"" + a + "\"");
              }
            }
            access.add("{\"type\":\"" + type + "\",\"name\":\"" + name + "\",\"actions\":["
                + String.join(",", actions) + "]}");
          }
        }
        long now = Instant.now().getEpochSecond();
        String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + certB64 + "\"]}";
        String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + account + "\",\"aud\":\"" + SERVICE + "\","
            + "\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\""
            + UUID.randomUUID() + "\",\"access\":[" + String.join(",", access) + "]}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(key);
        sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String jwt = signingInput + "." + b64.encodeToString(sig.sign());
        byte[] body = ("{\"token\":\"" + jwt + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      } catch (java.security.GeneralSecurityException e) {
        throw new IOException(e);
      }
    }
  }
}
