package io.jpod.image.registry;

import static io.jpod.image.registry.RegistryTransport.MAX_ERROR_BODY;
import static io.jpod.image.registry.RegistryTransport.MAX_MANIFEST;
import static io.jpod.image.registry.RegistryTransport.appendQuery;
import static io.jpod.image.registry.RegistryTransport.drainOk;
import static io.jpod.image.registry.RegistryTransport.enc;
import static io.jpod.image.registry.RegistryTransport.location;
import static io.jpod.image.registry.RegistryTransport.nextLink;
import static io.jpod.image.registry.RegistryTransport.parse;
import static io.jpod.image.registry.RegistryTransport.readOk;
import static io.jpod.image.registry.RegistryTransport.readUpTo;
import static io.jpod.image.registry.RegistryTransport.transportError;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ManifestTypes;
import io.jpod.image.transport.MediaTypes;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import io.jpod.storage.HashingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A client of one registry's HTTP API v2, as containers/image talks to it: a ping of {@code /v2/} decides
 * the scheme (https, or http when TLS verification is off) and the auth challenges; Bearer tokens are
 * fetched per scope and cached; Basic credentials are sent as they are. Thread-safe: parallel blob
 * transfers share one instance.
 */
public final class RegistryClient implements AutoCloseable {
  /** The manifest types podman accepts, in its order. */
  public static final String MANIFEST_ACCEPT = String.join(", ", MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST,
      MediaTypes.DOCKER_SCHEMA1_SIGNED, MediaTypes.DOCKER_SCHEMA1, MediaTypes.DOCKER_LIST, MediaTypes.OCI_INDEX);

  /**
   * How to reach a registry. {@code tlsVerify} false accepts any certificate and falls back to plain
   * HTTP; {@code certDir} (--cert-dir) replaces the per-host lookup under {@code certRoots}
   * ({@code <root>/<host:port>/}); {@code credentials} may be null (anonymous).
   */
  public record Options(boolean tlsVerify, Path certDir, List<Path> certRoots, AuthFile.Credentials credentials,
      Duration connectTimeout) {
    public Options {
      certRoots = List.copyOf(certRoots);
    }

    /** Verifying TLS, the default certificate directories, no credentials. */
    public static Options defaults() {
      String home = System.getProperty("user.home", "");
      List<Path> roots = new ArrayList<>();
      if (!home.isEmpty()) {
        roots.add(Path.of(home, ".config/containers/certs.d"));
      }
      roots.add(Path.of("/etc/containers/certs.d"));
      roots.add(Path.of("/etc/docker/certs.d"));
      return new Options(true, null, roots, null, Duration.ofSeconds(30));
    }

    public Options withTlsVerify(boolean v) {
      return new Options(v, certDir, certRoots, credentials, connectTimeout);
    }

    public Options withCertDir(Path dir) {
      return new Options(tlsVerify, dir, certRoots, credentials, connectTimeout);
    }

    public Options withCertRoots(List<Path> roots) {
      return new Options(tlsVerify, certDir, roots, credentials, connectTimeout);
    }

    public Options withCredentials(AuthFile.Credentials c) {
      return new Options(tlsVerify, certDir, certRoots, c, connectTimeout);
    }
  }

  /** One {@code podman search} hit; {@code name} is the repository path (without the registry). */
  public record SearchResult(String name, String description, int stars, boolean official, boolean automated) {}

  /** An open blob and its length ({@code -1} when the registry did not say). */
  public record BlobStream(InputStream stream, long size) {}

  private final String registry;
  private final Options options;
  private final RegistryTransport t;

  /** A client for {@code registry} ({@code host[:port]} as in references; {@code docker.io} is Docker Hub). */
  public RegistryClient(String registry, Options options) {
    this.registry = registry;
    this.options = options;
    this.t = new RegistryTransport(registry, options);
  }

  public String registry() {
    return registry;
  }

  public Options options() {
    return options;
  }

  @Override
  public void close() {
    t.close();
  }

  /** The certificate directory in use (--cert-dir or the per-host one found), or null. */
  Path certDir() {
    return t.certDir();
  }

  // ---- scopes ----

  static String pullScope(String repo) {
    return "repository:" + repo + ":pull";
  }

  static String pushScope(String repo) {
    return "repository:" + repo + ":pull,push";
  }

  // ---- ping and login ----

  /** Contacts {@code /v2/} (once per client); fails with podman's "pinging container registry" error. */
  public void ping() {
    t.probe();
  }

  /** The scheme the registry answered on: {@code https} or {@code http}. */
  public String scheme() {
    return t.probe().scheme();
  }

  /**
   * Checks the credentials the way {@code podman login} does: a ping, then {@code /v2/} with them (after a
   * token exchange for Bearer registries). Throws {@link ErrorKind#UNAUTHORIZED} when refused.
   */
  public void checkAuth() {
    RegistryTransport.Probe p = t.probe();
    URI uri = URI.create(p.scheme() + "://" + t.endpoint() + "/v2/");
    HttpResponse<InputStream> r = t.send("GET", uri, BodyPublishers.noBody(), Map.of(), List.of(), "", true);
    try (InputStream body = r.body()) {
      if (r.statusCode() == 200) {
        return;
      }
      byte[] err = readUpTo(body, MAX_ERROR_BODY);
      if (r.statusCode() == 401) {
        throw new JpodException(ErrorKind.UNAUTHORIZED,
            "unable to retrieve auth token: invalid username/password: " + RegistryErrors.describe(401, err));
      }
      throw RegistryErrors.fromResponse("", r.statusCode(), err);
    } catch (IOException e) {
      throw transportError("", "GET", uri, e);
    }
  }

  /**
   * {@link #checkAuth()} with the messages {@code podman login} prints for {@code key}:
   * {@code logging into "key": invalid username/password} or {@code authenticating creds for "key": ...}.
   */
  public void verifyLogin(String key) {
    try {
      checkAuth();
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.UNAUTHORIZED) {
        throw new JpodException(ErrorKind.UNAUTHORIZED, "logging into \"" + key + "\": invalid username/password", e);
      }
      throw new JpodException(e.kind(), "authenticating creds for \"" + key + "\": " + e.getMessage(), e);
    }
  }

  // ---- manifests ----

  /**
   * The manifest at a tag or digest, with the type from {@code Content-Type} (guessed from the JSON
   * when the registry sends none). Fetching by digest verifies the bytes against it.
   */
  public RawManifest getManifest(String repo, String tagOrDigest) {
    String ctx = "reading manifest " + tagOrDigest + " in " + registry + "/" + repo;
    HttpResponse<InputStream> r = t.send("GET", t.path("/v2/" + repo + "/manifests/" + tagOrDigest), BodyPublishers.noBody(),
        Map.of("Accept", MANIFEST_ACCEPT), List.of(pullScope(repo)), ctx, true);
    byte[] bytes = readOk(r, 200, ctx, MAX_MANIFEST);
    if (tagOrDigest.startsWith("sha256:")) {
      String actual = Digest.of(bytes).toString();
      if (!actual.equals(tagOrDigest)) {
        throw new JpodException(ErrorKind.REGISTRY, ctx + ": manifest does not match provided manifest digest "
            + tagOrDigest + " (got " + actual + ")");
      }
    }
    String type = simplifyContentType(r.headers().firstValue("Content-Type").orElse(""));
    return new RawManifest(bytes, ManifestTypes.effectiveType(type, bytes));
  }

  /** The digest the registry reports for a tag ({@code HEAD}), or empty when the tag does not exist. */
  public Optional<String> manifestDigest(String repo, String tagOrDigest) {
    String ctx = "reading manifest " + tagOrDigest + " in " + registry + "/" + repo;
    HttpResponse<InputStream> r = t.send("HEAD", t.path("/v2/" + repo + "/manifests/" + tagOrDigest), BodyPublishers.noBody(),
        Map.of("Accept", MANIFEST_ACCEPT), List.of(pullScope(repo)), ctx, true);
    try (InputStream body = r.body()) {
      if (r.statusCode() == 404) {
        return Optional.empty();
      }
      if (r.statusCode() != 200) {
        throw RegistryErrors.fromResponse(ctx, r.statusCode(), readUpTo(body, MAX_ERROR_BODY));
      }
      return r.headers().firstValue("Docker-Content-Digest");
    } catch (IOException e) {
      throw transportError(ctx, "HEAD", r.uri(), e);
    }
  }

  /** Stores a manifest under a tag (or digest); returns its digest. */
  public String putManifest(String repo, String tagOrDigest, RawManifest manifest) {
    String ctx = "uploading manifest " + tagOrDigest + " to " + registry + "/" + repo;
    HttpResponse<InputStream> r = t.send("PUT", t.path("/v2/" + repo + "/manifests/" + tagOrDigest),
        BodyPublishers.ofByteArray(manifest.bytes()), Map.of("Content-Type", manifest.mediaType()),
        List.of(pushScope(repo)), ctx, false);
    drainOk(r, ctx, 201, 200, 202);
    return Digest.of(manifest.bytes()).toString();
  }

  // ---- blobs ----

  /** Opens a blob for reading (following the registry's redirects to its storage). */
  public InputStream getBlob(String repo, String digest) {
    return openBlob(repo, digest).stream();
  }

  /** Opens a blob for reading, with its length when known. */
  public BlobStream openBlob(String repo, String digest) {
    String ctx = "reading blob " + digest;
    HttpResponse<InputStream> r = t.send("GET", t.path("/v2/" + repo + "/blobs/" + digest), BodyPublishers.noBody(),
        Map.of(), List.of(pullScope(repo)), ctx, true);
    if (r.statusCode() != 200) {
      try (InputStream body = r.body()) {
        throw RegistryErrors.fromResponse(ctx, r.statusCode(), readUpTo(body, MAX_ERROR_BODY));
      } catch (IOException e) {
        throw transportError(ctx, "GET", r.uri(), e);
      }
    }
    long size = r.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new BlobStream(r.body(), size);
  }

  /** The size of a blob in {@code repo}, or empty when the repository does not have it ({@code HEAD}). */
  public OptionalLong blobSize(String repo, String digest) {
    String ctx = "checking whether a blob " + digest + " exists in " + registry + "/" + repo;
    HttpResponse<InputStream> r = t.send("HEAD", t.path("/v2/" + repo + "/blobs/" + digest), BodyPublishers.noBody(),
        Map.of(), List.of(pullScope(repo)), ctx, true);
    try (InputStream body = r.body()) {
      return switch (r.statusCode()) {
        case 200 -> OptionalLong.of(r.headers().firstValueAsLong("Content-Length").orElse(-1));
        case 404 -> OptionalLong.empty();
        default -> throw RegistryErrors.fromResponse(ctx, r.statusCode(), readUpTo(body, MAX_ERROR_BODY));
      };
    } catch (IOException e) {
      throw transportError(ctx, "HEAD", r.uri(), e);
    }
  }

  public boolean blobExists(String repo, String digest) {
    return blobSize(repo, digest).isPresent();
  }

  /**
   * Asks the registry to link a blob from {@code fromRepo} into {@code repo} without uploading it.
   * True when mounted (201); false when the registry opened an upload instead (202, which is cancelled)
   * or refused: mounting is only an optimization, the caller then uploads.
   */
  public boolean mountBlob(String repo, String digest, String fromRepo) {
    String ctx = "mounting blob " + digest + " from " + fromRepo + " to " + repo;
    String p = "/v2/" + repo + "/blobs/uploads/?mount=" + enc(digest) + "&from=" + enc(fromRepo);
    HttpResponse<InputStream> r;
    try {
      r = t.send("POST", t.path(p), BodyPublishers.noBody(), Map.of(), List.of(pushScope(repo), pullScope(fromRepo)), ctx,
          false);
    } catch (JpodException e) {
      if (e.kind() == ErrorKind.REGISTRY && e.getMessage().contains("dial tcp")) {
        throw e; // the registry is gone: no point in trying an upload
      }
      return false;
    }
    try (InputStream body = r.body()) {
      readUpTo(body, MAX_ERROR_BODY);
    } catch (IOException e) {
      return false;
    }
    if (r.statusCode() == 201) {
      return true;
    }
    if (r.statusCode() == 202) {
      r.headers().firstValue("Location").ifPresent(loc -> cancelUpload(r.uri().resolve(loc), repo));
    }
    return false;
  }

  /**
   * Uploads a blob: POST opens a session, one PATCH streams the data (chunked when {@code size} is -1)
   * while its sha256 is computed, PUT with {@code ?digest=} commits it. {@code knownDigest}, when given,
   * must match what was sent. Returns the digest and size sent (media type null).
   */
  public BlobInfo uploadBlob(String repo, InputStream data, String knownDigest, long size) {
    List<String> scopes = List.of(pushScope(repo));
    String initCtx = "initiating layer upload to /v2/" + repo + "/blobs/uploads/ in " + registry;
    HttpResponse<InputStream> r = t.send("POST", t.path("/v2/" + repo + "/blobs/uploads/"), BodyPublishers.noBody(),
        Map.of(), scopes, initCtx, false);
    drainOk(r, initCtx, 202);
    URI location = location(r, initCtx);

    HashingInputStream hashing = new HashingInputStream(data);
    BodyPublisher body = size >= 0
        ? BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> hashing), size)
        : BodyPublishers.ofInputStream(() -> hashing);
    String patchCtx = "uploading layer chunked";
    r = t.send("PATCH", location, body, Map.of("Content-Type", "application/octet-stream"), scopes, patchCtx, false);
    drainOk(r, patchCtx, 202, 204);
    URI next = location(r, patchCtx);
    String digest = hashing.digest().toString();
    long sent = hashing.count();
    if (knownDigest != null && !knownDigest.equals(digest)) {
      cancelUpload(next, repo);
      throw new JpodException(ErrorKind.REGISTRY, "uploading layer to " + registry + "/" + repo
          + ": digest mismatch: expected " + knownDigest + ", sent data has " + digest);
    }
    URI put = appendQuery(next, "digest=" + enc(digest));
    String putCtx = "uploading layer to " + put;
    r = t.send("PUT", put, BodyPublishers.noBody(), Map.of(), scopes, putCtx, false);
    drainOk(r, putCtx, 201, 204);
    return new BlobInfo(null, digest, sent);
  }

  private void cancelUpload(URI location, String repo) {
    try {
      HttpResponse<InputStream> r = t.send("DELETE", location, BodyPublishers.noBody(), Map.of(),
          List.of(pushScope(repo)), "cancelling upload", false);
      r.body().close();
    } catch (JpodException | IOException e) {
      // Abandoned sessions expire on the registry; nothing else to do.
    }
  }

  // ---- tags, catalog, search ----

  /** Every tag of {@code repo}, following {@code Link: <...>; rel="next"} pagination. */
  public List<String> listTags(String repo) {
    return listTags(repo, 0);
  }

  /** Like {@link #listTags(String)}, asking for pages of {@code pageSize} tags ({@code ?n=}; 0: registry default). */
  public List<String> listTags(String repo, int pageSize) {
    String ctx = "fetching tags list of " + registry + "/" + repo;
    List<String> tags = new ArrayList<>();
    URI next = t.path("/v2/" + repo + "/tags/list" + (pageSize > 0 ? "?n=" + pageSize : ""));
    while (next != null) {
      HttpResponse<InputStream> r = t.send("GET", next, BodyPublishers.noBody(), Map.of(), List.of(pullScope(repo)), ctx,
          true);
      JsonNode root = parse(readOk(r, 200, ctx, 16 << 20), ctx);
      for (JsonNode t : root.path("tags")) {
        tags.add(t.asText());
      }
      next = nextLink(r);
    }
    return tags;
  }

  /** Every repository the registry lists in {@code /v2/_catalog} (paginated). */
  public List<String> catalog(int limit) {
    String ctx = "couldn't search registry \"" + registry + "\"";
    List<String> out = new ArrayList<>();
    URI next = t.path("/v2/_catalog");
    while (next != null && out.size() < limit) {
      HttpResponse<InputStream> r = t.send("GET", next, BodyPublishers.noBody(), Map.of(), List.of("registry:catalog:*"),
          ctx, true);
      JsonNode root = parse(readOk(r, 200, ctx, 16 << 20), ctx);
      for (JsonNode n : root.path("repositories")) {
        out.add(n.asText());
      }
      next = nextLink(r);
    }
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  /**
   * {@code podman search}: the v1 search endpoint when the registry has one, else the v2 catalog filtered
   * by {@code term} (substring match), at most {@code limit} results.
   */
  public List<SearchResult> search(String term, int limit) {
    if (!term.isEmpty()) {
      Optional<List<SearchResult>> v1 = searchV1(term, limit);
      if (v1.isPresent()) {
        return v1.get();
      }
    }
    String ctx = "couldn't search registry \"" + registry + "\"";
    List<SearchResult> out = new ArrayList<>();
    URI next = t.path("/v2/_catalog");
    while (next != null && out.size() < limit) {
      HttpResponse<InputStream> r = t.send("GET", next, BodyPublishers.noBody(), Map.of(), List.of("registry:catalog:*"),
          ctx, true);
      JsonNode root = parse(readOk(r, 200, ctx, 16 << 20), ctx);
      for (JsonNode n : root.path("repositories")) {
        if (out.size() == limit) {
          break;
        }
        if (n.asText().contains(term)) {
          out.add(new SearchResult(n.asText(), "", 0, false, false));
        }
      }
      next = nextLink(r);
    }
    return out;
  }

  private Optional<List<SearchResult>> searchV1(String term, int limit) {
    URI uri = t.path("/v1/search?q=" + enc(term) + "&n=" + limit);
    try {
      HttpResponse<InputStream> r = t.send("GET", uri, BodyPublishers.noBody(), Map.of(), List.of(), "", false);
      try (InputStream body = r.body()) {
        byte[] data = readUpTo(body, 16 << 20);
        if (r.statusCode() != 200) {
          return Optional.empty();
        }
        JsonNode root = Json.mapper().readTree(data);
        if (!root.has("results")) {
          return Optional.empty();
        }
        List<SearchResult> out = new ArrayList<>();
        for (JsonNode n : root.path("results")) {
          out.add(new SearchResult(n.path("name").asText(), n.path("description").asText(""),
              n.path("star_count").asInt(0), n.path("is_official").asBoolean(false),
              n.path("is_automated").asBoolean(false)));
        }
        return Optional.of(out);
      }
    } catch (JpodException | IOException e) {
      return Optional.empty(); // no v1 endpoint: fall back to the catalog, as podman does
    }
  }

  /** The media type without parameters ({@code application/json; charset=utf-8} → {@code application/json}). */
  static String simplifyContentType(String contentType) {
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

}
