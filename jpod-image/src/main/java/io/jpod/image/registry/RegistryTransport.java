package io.jpod.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The HTTP layer under {@link RegistryClient}: one {@link HttpClient} per registry (built on first use
 * with the TLS setup of the options), the {@code /v2/} ping that fixes scheme and auth challenges, the
 * Authorization header for each request (Basic, or a Bearer token cached per scope set), redirects, and
 * the small response helpers. Thread-safe.
 */
final class RegistryTransport {
  static final int MAX_MANIFEST = 4 << 20;
  static final int MAX_SMALL_BODY = 1 << 20;
  static final int MAX_ERROR_BODY = 64 << 10;
  private static final int MAX_REDIRECTS = 10;
  private static final long MIN_TOKEN_SECONDS = 60;
  private static final Duration HANDSHAKE = Duration.ofSeconds(10);
  private static final Duration PLAIN_PING = Duration.ofSeconds(60);
  private static final String USER_AGENT = "jpod/0.1 (containers/image compatible)";

  /** Where the registry answered and what it asked for. */
  record Probe(String scheme, List<AuthChallenge> challenges) {}

  private record Token(String value, Instant expires) {}

  private final String registry;
  private final String endpoint;
  private final RegistryClient.Options options;
  private final Object probeLock = new Object();
  private volatile HttpClient http;
  private volatile Probe probe;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> tokenLocks = new ConcurrentHashMap<>();

  /** {@code registry} as references name it; {@code docker.io} is served by {@code registry-1.docker.io}. */
  RegistryTransport(String registry, RegistryClient.Options options) {
    this.registry = registry;
    this.endpoint = registry.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : registry;
    this.options = options;
  }

  /** The host[:port] actually contacted. */
  String endpoint() {
    return endpoint;
  }

  void close() {
    HttpClient h = http;
    if (h != null) {
      h.shutdown();
    }
  }

  URI path(String p) {
    return URI.create(probe().scheme() + "://" + endpoint + p);
  }

  HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      synchronized (probeLock) {
        if (http == null) {
          http = HttpClient.newBuilder()
              .sslContext(TlsSetup.context(options.tlsVerify(), certDir()))
              .connectTimeout(options.connectTimeout())
              .followRedirects(HttpClient.Redirect.NEVER)
              .version(HttpClient.Version.HTTP_1_1)
              .executor(Executors.newVirtualThreadPerTaskExecutor())
              .build();
        }
        h = http;
      }
    }
    return h;
  }

  /** --cert-dir, else the first {@code <root>/<registry>} directory that exists. */
  Path certDir() {
    if (options.certDir() != null) {
      return options.certDir();
    }
    for (Path root : options.certRoots()) {
      Path d = root.resolve(registry);
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    return null;
  }

  Probe probe() {
    Probe p = probe;
    if (p != null) {
      return p;
    }
    synchronized (probeLock) {
      if (probe == null) {
        probe = ping0();
      }
      return probe;
    }
  }

  // A failed ping is not cached, so a retry (podman retries pulls) contacts the registry again.
  private Probe ping0() {
    HttpClient client = http();
    JpodException last = null;
    String ctx = "pinging container registry " + registry;
    for (String scheme : options.tlsVerify() ? List.of("https") : List.of("https", "http")) {
      URI uri = URI.create(scheme + "://" + endpoint + "/v2/");
      // A server that speaks plain HTTP may never answer a TLS hello: bound the https attempt like Go's
      // 10 s TLS handshake timeout (so the http fallback comes in reasonable time), the http one loosely.
      Duration limit = scheme.equals("http") ? PLAIN_PING
          : options.connectTimeout().compareTo(HANDSHAKE) < 0 ? options.connectTimeout() : HANDSHAKE;
      HttpRequest req = base(uri).timeout(limit).GET().build();
      try {
        HttpResponse<InputStream> r = client.send(req, BodyHandlers.ofInputStream());
        try (InputStream body = r.body()) {
          byte[] data = readUpTo(body, MAX_ERROR_BODY);
          if (r.statusCode() == 200 || r.statusCode() == 401) {
            return new Probe(scheme, AuthChallenge.fromHeaders(r.headers()));
          }
          last = RegistryErrors.fromResponse(ctx, r.statusCode(), data);
        }
      } catch (IOException e) {
        last = transportError(ctx, "GET", uri, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JpodException.system(ctx + ": interrupted");
      }
    }
    throw last;
  }

  private static HttpRequest.Builder base(URI uri) {
    return HttpRequest.newBuilder(uri)
        .header("Docker-Distribution-API-Version", "registry/2.0")
        .header("User-Agent", USER_AGENT);
  }

  /**
   * Sends a request with the credentials the registry's challenge asks for. {@code GET}/{@code HEAD}
   * follow redirects when {@code follow}; a redirect to another host (a storage backend) gets no
   * {@code Authorization} header.
   */
  HttpResponse<InputStream> send(String method, URI uri, BodyPublisher body, Map<String, String> headers,
      List<String> scopes, String ctx, boolean follow) {
    Probe p = probe();
    URI current = uri;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder b = base(current).method(method, hop == 0 ? body : BodyPublishers.noBody());
      headers.forEach(b::header);
      // The first request goes where the registry itself pointed us (its own URL or an upload Location),
      // as in containers/image; a redirect keeps credentials only when it stays on the registry's host.
      if (hop == 0 || sameHost(current)) {
        String auth = authorization(p, scopes);
        if (auth != null) {
          b.header("Authorization", auth);
        }
      }
      HttpResponse<InputStream> r;
      try {
        r = http().send(b.build(), BodyHandlers.ofInputStream());
      } catch (IOException e) {
        throw transportError(ctx, method, current, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JpodException.system((ctx.isEmpty() ? "" : ctx + ": ") + "interrupted");
      }
      int s = r.statusCode();
      boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
      if (!follow || !redirect || !(method.equals("GET") || method.equals("HEAD"))) {
        return r;
      }
      Optional<String> loc = r.headers().firstValue("Location");
      if (loc.isEmpty()) {
        return r; // the caller reports the unexpected status
      }
      try {
        r.body().close();
      } catch (IOException e) {
        // only releasing the connection
      }
      if (hop >= MAX_REDIRECTS) {
        throw new JpodException(ErrorKind.REGISTRY, (ctx.isEmpty() ? "" : ctx + ": ") + method.charAt(0)
            + method.substring(1).toLowerCase(Locale.ROOT) + " \"" + current + "\": stopped after 10 redirects");
      }
      current = current.resolve(loc.get());
    }
  }

  boolean sameHost(URI uri) {
    String authority = uri.getRawAuthority();
    return authority != null && authority.equalsIgnoreCase(endpoint);
  }

  private String authorization(Probe p, List<String> scopes) {
    AuthFile.Credentials c = options.credentials();
    for (AuthChallenge ch : p.challenges()) {
      switch (ch.scheme()) {
        case "basic" -> {
          if (c == null || c.username() == null || c.username().isEmpty()) {
            return null;
          }
          return "Basic " + Base64.getEncoder().encodeToString(
              (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
        }
        case "bearer" -> {
          return "Bearer " + bearerToken(ch, scopes);
        }
        default -> {
          // an unsupported scheme: try the next challenge
        }
      }
    }
    return null;
  }

  private String bearerToken(AuthChallenge ch, List<String> scopes) {
    String key = String.join(" ", scopes);
    Token t = tokens.get(key);
    if (t != null && t.expires().isAfter(Instant.now())) {
      return t.value();
    }
    ReentrantLock lock = tokenLocks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try {
      t = tokens.get(key);
      if (t == null || !t.expires().isAfter(Instant.now())) {
        t = fetchToken(ch, scopes);
        tokens.put(key, t);
      }
      return t.value();
    } finally {
      lock.unlock();
    }
  }

  private Token fetchToken(AuthChallenge ch, List<String> scopes) {
    String realm = ch.param("realm");
    if (realm == null || realm.isEmpty()) {
      throw new JpodException(ErrorKind.REGISTRY, "missing realm in bearer auth challenge");
    }
    AuthFile.Credentials c = options.credentials();
    StringBuilder q = new StringBuilder();
    String service = ch.param("service");
    HttpRequest.Builder b;
    URI uri;
    if (c != null && c.identityToken() != null && !c.identityToken().isEmpty()) {
      // OAuth2 refresh token, stored by docker login for some registries.
      if (service != null && !service.isEmpty()) {
        q.append("service=").append(enc(service)).append('&');
      }
      for (String s : scopes) {
        q.append("scope=").append(enc(s)).append('&');
      }
      q.append("grant_type=refresh_token&refresh_token=").append(enc(c.identityToken()))
          .append("&client_id=containers%2Fimage");
      uri = URI.create(realm);
      b = HttpRequest.newBuilder(uri).header("User-Agent", USER_AGENT)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(BodyPublishers.ofString(q.toString()));
    } else {
      if (c != null && c.username() != null && !c.username().isEmpty()) {
        q.append("account=").append(enc(c.username())).append('&');
      }
      if (service != null && !service.isEmpty()) {
        q.append("service=").append(enc(service)).append('&');
      }
      for (String s : scopes) {
        q.append("scope=").append(enc(s)).append('&');
      }
      String query = q.isEmpty() ? "" : q.substring(0, q.length() - 1);
      uri = query.isEmpty() ? URI.create(realm) : appendQuery(URI.create(realm), query);
      b = HttpRequest.newBuilder(uri).header("User-Agent", USER_AGENT).GET();
      if (c != null && c.username() != null && !c.username().isEmpty() && c.password() != null
          && !c.password().isEmpty()) {
        b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
      }
    }
    try {
      HttpResponse<InputStream> r = http().send(b.build(), BodyHandlers.ofInputStream());
      byte[] data;
      try (InputStream in = r.body()) {
        data = readUpTo(in, MAX_SMALL_BODY);
      }
      if (r.statusCode() == 401) {
        throw new JpodException(ErrorKind.UNAUTHORIZED,
            "unable to retrieve auth token: invalid username/password: " + RegistryErrors.describe(401, data));
      }
      if (r.statusCode() != 200) {
        throw new JpodException(RegistryErrors.kind(r.statusCode(), data), "requesting bearer token: "
            + RegistryErrors.describe(r.statusCode(), data));
      }
      JsonNode root = parse(data, "requesting bearer token");
      String token = root.path("token").asText("");
      if (token.isEmpty()) {
        token = root.path("access_token").asText("");
      }
      long expiresIn = Math.max(MIN_TOKEN_SECONDS, root.path("expires_in").asLong(0));
      Instant issued = Instant.now();
      if (root.hasNonNull("issued_at")) {
        try {
          issued = Instant.parse(root.get("issued_at").asText());
        } catch (RuntimeException e) {
          // keep now
        }
      }
      return new Token(token, issued.plusSeconds(expiresIn));
    } catch (IOException e) {
      throw transportError("", b.build().method(), uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JpodException.system("requesting bearer token: interrupted");
    }
  }

  // ---- helpers ----

  static JpodException transportError(String ctx, String method, URI uri, IOException e) {
    String text = RegistryErrors.transport(method, uri, e);
    return new JpodException(ErrorKind.REGISTRY, ctx.isEmpty() ? text : ctx + ": " + text, e);
  }

  /** The body of a response with status {@code ok}, or the error it stands for. */
  static byte[] readOk(HttpResponse<InputStream> r, int ok, String ctx, int max) {
    try (InputStream body = r.body()) {
      if (r.statusCode() != ok) {
        throw RegistryErrors.fromResponse(ctx, r.statusCode(), readUpTo(body, MAX_ERROR_BODY));
      }
      byte[] data = body.readNBytes(max + 1);
      if (data.length > max) {
        throw new JpodException(ErrorKind.REGISTRY, ctx + ": response body too large (more than " + max + " bytes)");
      }
      return data;
    } catch (IOException e) {
      throw transportError(ctx, r.request().method(), r.uri(), e);
    }
  }

  static void drainOk(HttpResponse<InputStream> r, String ctx, int... ok) {
    try (InputStream body = r.body()) {
      byte[] data = readUpTo(body, MAX_ERROR_BODY);
      for (int s : ok) {
        if (r.statusCode() == s) {
          return;
        }
      }
      throw RegistryErrors.fromResponse(ctx, r.statusCode(), data);
    } catch (IOException e) {
      throw transportError(ctx, r.request().method(), r.uri(), e);
    }
  }

  static byte[] readUpTo(InputStream in, int max) throws IOException {
    byte[] data = in.readNBytes(max);
    in.transferTo(OutputStreamSink.INSTANCE); // let the connection be reused
    return data;
  }

  static URI location(HttpResponse<InputStream> r, String ctx) {
    String loc = r.headers().firstValue("Location").orElse(null);
    if (loc == null || loc.isEmpty()) {
      throw new JpodException(ErrorKind.REGISTRY, ctx + ": registry did not send an upload location");
    }
    return r.uri().resolve(loc);
  }

  static URI appendQuery(URI uri, String query) {
    String s = uri.toString();
    int hash = s.indexOf('#');
    if (hash >= 0) {
      s = s.substring(0, hash);
    }
    return URI.create(s + (uri.getRawQuery() == null || uri.getRawQuery().isEmpty() ? "?" : "&") + query);
  }

  static URI nextLink(HttpResponse<InputStream> r) {
    for (String link : r.headers().allValues("Link")) {
      for (String part : link.split(",")) {
        String p = part.trim();
        if (p.startsWith("<") && p.contains(">") && p.replace(" ", "").contains("rel=\"next\"")) {
          return r.uri().resolve(p.substring(1, p.indexOf('>')));
        }
      }
    }
    return null;
  }

  static JsonNode parse(byte[] data, String ctx) {
    try {
      return Json.mapper().readTree(data);
    } catch (IOException e) {
      throw new JpodException(ErrorKind.REGISTRY, ctx + ": invalid JSON from registry: " + e.getMessage());
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Discards what is written to it. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }}
