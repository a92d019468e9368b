package io.jpod.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * podman's credential store: {@code auth.json} ({@code {"auths":{"host[:port][/repo]":{"auth":"base64(user:pass)"}}}}).
 * Writes go to one file (an explicit {@code --authfile}, {@code $REGISTRY_AUTH_FILE}, or the per-user
 * runtime file); reads also fall back to the user's config files and Docker's, as containers/image does.
 */
public final class AuthFile {
  /** A user name and password, or an OAuth2 identity token (from {@code docker login} to some registries). */
  public record Credentials(String username, String password, String identityToken) {
    public static Credentials of(String username, String password) {
      return new Credentials(username, password, null);
    }

    /** Never prints the secret, so credentials can't leak into logs or exception messages. */
    @Override
    public String toString() {
      return "Credentials[username=" + username + "]";
    }
  }

  private record Source(Path path, boolean legacyFormat) {}

  private final Path writePath;
  private final List<Source> readPaths;

  private AuthFile(Path writePath, List<Source> readPaths) {
    this.writePath = writePath;
    this.readPaths = List.copyOf(readPaths);
  }

  /** A store that reads and writes exactly {@code file} (tests, {@code --authfile}). */
  public static AuthFile of(Path file) {
    return new AuthFile(file, List.of(new Source(file, false)));
  }

  /** The store podman uses in this process's environment; {@code explicitPath} is {@code --authfile} or null. */
  public static AuthFile fromEnvironment(String explicitPath) {
    return fromEnvironment(System.getenv(), Uid.current(), explicitPath);
  }

  /**
   * The store for {@code env} and {@code uid}: {@code explicitPath}, else {@code $REGISTRY_AUTH_FILE}, else
   * {@code $DOCKER_CONFIG/config.json} (each read alone), else {@code $XDG_RUNTIME_DIR/containers/auth.json}
   * or {@code /run/containers/<uid>/auth.json}, with the read fallbacks
   * {@code $XDG_CONFIG_HOME/containers/auth.json} (default {@code ~/.config}), {@code ~/.docker/config.json}
   * and the legacy {@code ~/.dockercfg}.
   */
  public static AuthFile fromEnvironment(Map<String, String> env, int uid, String explicitPath) {
    String user = firstNonEmpty(explicitPath, env.get("REGISTRY_AUTH_FILE"));
    if (user == null && nonEmpty(env.get("DOCKER_CONFIG"))) {
      user = Path.of(env.get("DOCKER_CONFIG"), "config.json").toString();
    }
    if (user != null) {
      return of(Path.of(user));
    }
    Path def;
    String runtimeDir = env.get("XDG_RUNTIME_DIR");
    if (nonEmpty(runtimeDir)) {
      if (!Files.exists(Path.of(runtimeDir))) {
        throw JpodException.invalid("\"" + runtimeDir + "\" directory set by $XDG_RUNTIME_DIR does not exist. "
            + "Either create the directory or unset $XDG_RUNTIME_DIR.");
      }
      def = Path.of(runtimeDir, "containers", "auth.json");
    } else {
      def = Path.of("/run/containers/" + uid + "/auth.json");
    }
    String home = env.getOrDefault("HOME", "");
    List<Source> reads = new ArrayList<>();
    reads.add(new Source(def, false));
    String xdgConfig = env.get("XDG_CONFIG_HOME");
    Path configHome = nonEmpty(xdgConfig) ? Path.of(xdgConfig) : Path.of(home, ".config");
    reads.add(new Source(configHome.resolve("containers/auth.json"), false));
    reads.add(new Source(Path.of(home, ".docker/config.json"), false));
    reads.add(new Source(Path.of(home, ".dockercfg"), true));
    return new AuthFile(def, reads);
  }

  /** The file login writes and logout edits. */
  public Path path() {
    return writePath;
  }

  /** The files consulted for credentials, in order. */
  public List<Path> readPaths() {
    return readPaths.stream().map(Source::path).toList();
  }

  /**
   * Credentials for pulling or pushing {@code ref}: per file, the most specific {@code host/repo} key
   * first, then the registry host (also in Docker's URL forms). The first file with an entry wins.
   */
  public Optional<Credentials> lookup(ImageReference ref) {
    return lookup(ref.registry(), keysFor(ref));
  }

  /** Credentials stored for the registry host itself (login checks, search). */
  public Optional<Credentials> lookup(String registry) {
    return lookup(registry, List.of(registry));
  }

  /** Credentials stored under exactly {@code key} (a host or a {@code host/repo} namespace) in the write file. */
  public Optional<Credentials> lookupKey(String key) {
    JsonNode entry = auths(read(writePath, false)).get(key);
    return entry == null ? Optional.empty() : decode(entry);
  }

  private Optional<Credentials> lookup(String registry, List<String> keys) {
    for (Source s : readPaths) {
      JsonNode auths = auths(read(s.path(), s.legacyFormat()));
      if (auths.isEmpty()) {
        continue;
      }
      Optional<Credentials> found = Optional.empty();
      for (String k : s.legacyFormat() ? List.of(registry) : keys) {
        JsonNode entry = auths.get(k);
        if (entry != null) {
          found = decode(entry);
          break;
        }
      }
      if (found.isEmpty()) {
        // Docker wrote URLs as keys for years (https://index.docker.io/v1/): compare hosts.
        String want = normalizeRegistry(registry);
        for (var e : auths.properties()) {
          if (normalizeRegistry(e.getKey()).equals(want)) {
            found = decode(e.getValue());
            break;
          }
        }
      }
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** {@code host/a/b/c}, {@code host/a/b}, {@code host/a}, {@code host}: most specific first. */
  static List<String> keysFor(ImageReference ref) {
    List<String> keys = new ArrayList<>();
    String name = ref.name();
    while (true) {
      keys.add(name);
      int slash = name.lastIndexOf('/');
      if (slash < 0) {
        return keys;
      }
      name = name.substring(0, slash);
    }
  }

  /** Saves credentials under {@code key} (see {@link #loginKey}); returns the file written. */
  public Path store(String key, String username, String password) throws IOException {
    ObjectNode root = readForWrite();
    ObjectNode auths = root.withObjectProperty("auths");
    ObjectNode entry = JsonNodeFactory.instance.objectNode();
    entry.put("auth", Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    auths.set(key, entry);
    write(root);
    return writePath;
  }

  /** Forgets {@code key}; fails with podman's {@code not logged into <key>} when it is not there. */
  public void remove(String key) throws IOException {
    ObjectNode root = readForWrite();
    ObjectNode auths = root.withObjectProperty("auths");
    String found = null;
    if (auths.has(key)) {
      found = key;
    } else {
      for (var e : auths.properties()) {
        if (!key.contains("/") && normalizeRegistry(e.getKey()).equals(normalizeRegistry(key))) {
          found = e.getKey();
          break;
        }
      }
    }
    if (found == null) {
      throw JpodException.notFound("not logged into " + key);
    }
    auths.remove(found);
    write(root);
  }

  /** Forgets every registry ({@code logout --all}). */
  public void removeAll() throws IOException {
    if (!Files.exists(writePath)) {
      return;
    }
    ObjectNode root = readForWrite();
    root.set("auths", JsonNodeFactory.instance.objectNode());
    root.remove("credHelpers");
    write(root);
  }

  /**
   * The key a login argument is stored under: a URL becomes its {@code host[:port]}; with
   * {@code acceptRepositories}, {@code host/namespace/repo} is kept (without tag or digest), as podman does.
   */
  public static String loginKey(String arg, boolean acceptRepositories) {
    String key = arg;
    if (key.startsWith("https://") || key.startsWith("http://")) {
      try {
        key = URI.create(key).getRawAuthority();
      } catch (IllegalArgumentException e) {
        throw JpodException.invalid("trimming http{s} prefix: " + e.getMessage());
      }
      if (key == null || key.isEmpty()) {
        throw JpodException.invalid("invalid registry \"" + arg + "\"");
      }
    }
    int slash = key.indexOf('/');
    if (slash < 0) {
      return key;
    }
    if (!acceptRepositories) {
      return key.substring(0, slash);
    }
    ImageReference.Parts p = ImageReference.split(key);
    if (p.tag() != null || p.digest() != null) {
      throw JpodException.invalid("reference \"" + key + "\" contains tag or digest");
    }
    return key;
  }

  private static String normalizeRegistry(String key) {
    String s = key;
    if (s.startsWith("http://")) {
      s = s.substring(7);
    } else if (s.startsWith("https://")) {
      s = s.substring(8);
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    return switch (s) {
      case "registry-1.docker.io", "docker.io" -> "index.docker.io";
      default -> s;
    };
  }

  private static Optional<Credentials> decode(JsonNode entry) {
    String auth = entry.path("auth").asText("");
    String identity = entry.path("identitytoken").asText("");
    if (auth.isEmpty()) {
      return identity.isEmpty() ? Optional.empty() : Optional.of(new Credentials("", "", identity));
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw JpodException.invalid("decoding credentials: illegal base64 data in auth file");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty(); // Docker skips malformed entries too.
    }
    String user = decoded.substring(0, colon);
    String pass = decoded.substring(colon + 1).replace("\0", "");
    return Optional.of(new Credentials(user, pass, identity.isEmpty() ? null : identity));
  }

  private static JsonNode auths(JsonNode root) {
    if (root == null) {
      return JsonNodeFactory.instance.objectNode();
    }
    return root.path("auths").isObject() ? root.get("auths") : JsonNodeFactory.instance.objectNode();
  }

  /** The parsed file (legacy files are wrapped as {@code {"auths": ...}}), or null when absent. */
  private static JsonNode read(Path p, boolean legacy) {
    byte[] data;
    try {
      data = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      // An unreadable fallback (permissions on someone else's home) must not break pulls.
      return null;
    }
    try {
      JsonNode n = Json.mapper().readTree(data);
      if (n == null || !n.isObject()) {
        throw JpodException.invalid("unmarshaling JSON at \"" + p + "\": not a JSON object");
      }
      if (legacy) {
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set("auths", n);
        return wrapped;
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw JpodException.invalid("reading JSON file \"" + p + "\": unmarshaling JSON at \"" + p + "\": "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw JpodException.invalid("reading JSON file \"" + p + "\": " + e.getMessage());
    }
  }

  private ObjectNode readForWrite() {
    JsonNode n = read(writePath, false);
    ObjectNode root = n == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) n;
    if (!root.path("auths").isObject()) {
      root.set("auths", JsonNodeFactory.instance.objectNode());
    }
    return root;
  }

  /** Atomic replace: a temp file (0600) in the same directory, renamed over the auth file. */
  private void write(ObjectNode root) throws IOException {
    Path dir = writePath.toAbsolutePath().getParent();
    createPrivateDirs(dir);
    byte[] data = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    Path tmp = dir.resolve("." + writePath.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, data);
      Files.move(tmp, writePath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void createPrivateDirs(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createPrivateDirs(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException e) {
      // Raced with another writer: fine.
    }
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static String firstNonEmpty(String a, String b) {
    return nonEmpty(a) ? a : nonEmpty(b) ? b : null;
  }
}
