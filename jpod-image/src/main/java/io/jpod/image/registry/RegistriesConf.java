package io.jpod.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * containers-registries.conf(5), version 2: the main file, then every {@code *.conf} of the drop-in
 * directory in name order (a later file replaces the keys it sets; {@code [[registry]]} tables replace
 * earlier ones with the same prefix; aliases merge per name), then the machine-written short-name alias
 * cache, whose entries win over the configuration files.
 */
public final class RegistriesConf {
  public static final Path DEFAULT_PATH = Path.of("/etc/containers/registries.conf");
  public static final Path DEFAULT_DIR = Path.of("/etc/containers/registries.conf.d");
  public static final Path DEFAULT_ALIAS_CACHE = Path.of("/var/cache/containers/short-name-aliases.conf");

  /** Configured once and never changed, so safe to share (building a mapper is the slow part). */
  private static final TomlMapper TOML = new TomlMapper();

  /** How to treat a short name that several search registries could serve. */
  public enum ShortNameMode {
    DISABLED, PERMISSIVE, ENFORCING;

    static ShortNameMode parse(String s, Path origin) {
      return switch (s) {
        case "disabled" -> DISABLED;
        case "permissive" -> PERMISSIVE;
        case "enforcing" -> ENFORCING;
        default -> throw JpodException.invalid("loading registries configuration \"" + origin
            + "\": invalid short-name mode \"" + s + "\"");
      };
    }
  }

  /** Which references a mirror serves (registries.conf {@code pull-from-mirror}). */
  public enum PullFromMirror { ALL, DIGEST_ONLY, TAG_ONLY }

  public record Endpoint(String location, boolean insecure, PullFromMirror pullFromMirror) {}

  /** A {@code [[registry]]} table; {@code location} is empty only for a wildcard prefix. */
  public record Registry(String prefix, String location, boolean insecure, boolean blocked,
      boolean mirrorByDigestOnly, List<Endpoint> mirrors) {
    public Registry {
      mirrors = List.copyOf(mirrors);
    }
  }

  /** An alias and the file it came from (podman prints the origin when it uses the alias). */
  public record Alias(ImageReference value, String origin) {}

  /** One place to try pulling from: a mirror or the primary location, with its own insecure flag. */
  public record PullSource(ImageReference reference, boolean insecure, boolean mirror) {}

  private final Path mainPath;
  private final Path dropInDir;
  private final Path aliasCachePath;
  private List<String> searchRegistries = List.of();
  private String searchRegistriesOrigin = "";
  private ShortNameMode shortNameMode;
  private final Map<String, Alias> aliases = new LinkedHashMap<>();
  private final Map<String, Registry> registries = new LinkedHashMap<>();

  /**
   * Loads explicit files: {@code mainFile} may be absent (no configuration), {@code dropInDir} and
   * {@code aliasCache} may be null or absent.
   */
  public RegistriesConf(Path mainFile, Path dropInDir, Path aliasCache) {
    this.mainPath = mainFile;
    this.dropInDir = dropInDir;
    this.aliasCachePath = aliasCache;
    loadFiles();
  }

  /** The configuration podman would use in this process's environment. */
  public static RegistriesConf load() {
    return load(System.getenv(), isRoot());
  }

  /**
   * The configuration for {@code env}: {@code $CONTAINERS_REGISTRIES_CONF} replaces the main file,
   * otherwise {@code $HOME/.config/containers/registries.conf} when it exists, else the system file;
   * likewise for the drop-in directory. The alias cache is per user for rootless.
   */
  public static RegistriesConf load(Map<String, String> env, boolean root) {
    String home = env.getOrDefault("HOME", "");
    Path main = DEFAULT_PATH;
    Path dir = DEFAULT_DIR;
    if (!home.isEmpty()) {
      Path userMain = Path.of(home, ".config/containers/registries.conf");
      Path userDir = Path.of(home, ".config/containers/registries.conf.d");
      if (Files.exists(userMain)) {
        main = userMain;
      }
      if (Files.isDirectory(userDir)) {
        dir = userDir;
      }
    }
    String override = env.get("CONTAINERS_REGISTRIES_CONF");
    if (override != null && !override.isEmpty()) {
      main = Path.of(override);
    }
    Path cache = DEFAULT_ALIAS_CACHE;
    if (!root) {
      String xdgCache = env.get("XDG_CACHE_HOME");
      Path base = xdgCache != null && !xdgCache.isEmpty() ? Path.of(xdgCache) : Path.of(home, ".cache");
      cache = base.resolve("containers/short-name-aliases.conf");
    }
    return new RegistriesConf(main, dir, cache);
  }

  private static boolean isRoot() {
    return Uid.current() == 0;
  }

  public Path mainPath() {
    return mainPath;
  }

  public Path dropInDir() {
    return dropInDir;
  }

  public Path aliasCachePath() {
    return aliasCachePath;
  }

  /** The unqualified-search registries, in the order to try them. */
  public List<String> unqualifiedSearchRegistries() {
    return searchRegistries;
  }

  /** The file that set {@link #unqualifiedSearchRegistries()} ("" when no configuration file exists). */
  public String unqualifiedSearchRegistriesOrigin() {
    return searchRegistriesOrigin;
  }

  /** The configured mode; unset means permissive. */
  public ShortNameMode shortNameMode() {
    return shortNameMode == null ? ShortNameMode.PERMISSIVE : shortNameMode;
  }

  public List<Registry> registries() {
    return List.copyOf(registries.values());
  }

  /** All aliases, cache entries included, by short name. */
  public Map<String, Alias> aliases() {
    return Map.copyOf(aliases);
  }

  /** The alias of a short name without tag or digest ({@code busybox}, {@code library/busybox}). */
  public Optional<Alias> alias(String shortName) {
    return Optional.ofNullable(aliases.get(shortName));
  }

  /** The {@code [[registry]]} table with the longest prefix matching {@code name} ({@code host/path}). */
  public Optional<Registry> findRegistry(String name) {
    Registry best = null;
    int bestLen = -1;
    for (Registry r : registries.values()) {
      int len = matchLength(name, r.prefix());
      if (len >= 0 && prefixWeight(r.prefix()) > bestLen) {
        best = r;
        bestLen = prefixWeight(r.prefix());
      }
    }
    return Optional.ofNullable(best);
  }

  // An exact prefix wins over any wildcard; among the same kind the longest wins.
  private static int prefixWeight(String prefix) {
    return prefix.startsWith("*.") ? prefix.length() : 1_000_000 + prefix.length();
  }

  /**
   * How many leading characters of {@code name} the prefix covers, or -1. A plain prefix matches at a
   * path boundary; {@code *.example.com} matches any host under example.com.
   */
  static int matchLength(String name, String prefix) {
    if (prefix.startsWith("*.")) {
      int slash = name.indexOf('/');
      String host = slash < 0 ? name : name.substring(0, slash);
      String hostNoPort = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
      return hostNoPort.endsWith(prefix.substring(1)) ? host.length() : -1;
    }
    if (name.length() < prefix.length() || !name.startsWith(prefix)) {
      return -1;
    }
    if (name.length() == prefix.length()) {
      return prefix.length();
    }
    char c = name.charAt(prefix.length());
    return c == '/' || c == ':' || c == '@' ? prefix.length() : -1;
  }

  /** Whether TLS verification is off (and plain HTTP allowed) for the registry serving {@code name}. */
  public boolean isInsecure(String name) {
    return findRegistry(name).map(Registry::insecure).orElse(false);
  }

  /** Fails the way podman does when {@code ref} is on a blocked registry. */
  public void checkNotBlocked(ImageReference ref) {
    Optional<Registry> reg = findRegistry(ref.name());
    if (reg.isPresent() && reg.get().blocked()) {
      throw JpodException.invalid("registry " + reg.get().prefix() + " is blocked in " + mainPath + " or "
          + dropInDir);
    }
  }

  /**
   * Where to pull {@code ref} from: its mirrors first (those allowed for a tag or digest pull), then its
   * rewritten primary location. A reference no table matches pulls from itself.
   */
  public List<PullSource> pullSources(ImageReference ref) {
    checkNotBlocked(ref);
    Optional<Registry> found = findRegistry(ref.name());
    if (found.isEmpty()) {
      return List.of(new PullSource(ref, false, false));
    }
    Registry reg = found.get();
    boolean digested = ref.digest() != null;
    List<PullSource> out = new ArrayList<>();
    for (Endpoint m : reg.mirrors()) {
      boolean allowed = reg.mirrorByDigestOnly()
          ? digested
          : switch (m.pullFromMirror()) {
            case ALL -> true;
            case DIGEST_ONLY -> digested;
            case TAG_ONLY -> !digested;
          };
      if (allowed) {
        out.add(new PullSource(rewrite(ref, reg.prefix(), m.location()), m.insecure(), true));
      }
    }
    out.add(new PullSource(rewrite(ref, reg.prefix(), reg.location()), reg.insecure(), false));
    return out;
  }

  /** {@code ref} with the matched prefix replaced by {@code location} (no change for an empty location). */
  static ImageReference rewrite(ImageReference ref, String prefix, String location) {
    if (location.isEmpty()) {
      return ref;
    }
    String name = ref.name();
    int len = matchLength(name, prefix);
    if (len < 0) {
      throw JpodException.invalid("invalid prefix '" + prefix + "' for reference '" + ref + "'");
    }
    String rewritten = location + name.substring(len);
    ImageReference base = ImageReference.parse(rewritten);
    return new ImageReference(base.registry(), base.repository(), ref.tag(), ref.digest());
  }

  /**
   * Writes {@code name = value} into the alias cache (what podman does after a user picked a candidate at
   * the short-name prompt) and makes it effective here.
   */
  public void recordAlias(String name, ImageReference value) throws IOException {
    if (aliasCachePath == null) {
      throw JpodException.system("no short-name alias cache configured");
    }
    JsonNode existing = readToml(aliasCachePath);
    Map<String, String> entries = new LinkedHashMap<>();
    JsonNode table = existing == null ? null : existing.get("aliases");
    if (table != null) {
      table.properties().forEach(e -> entries.put(e.getKey(), e.getValue().asText()));
    }
    entries.put(name, value.name());
    StringBuilder sb = new StringBuilder("[aliases]\n");
    for (var e : entries.entrySet()) {
      sb.append("  ").append(tomlString(e.getKey())).append(" = ").append(tomlString(e.getValue())).append('\n');
    }
    Files.createDirectories(aliasCachePath.toAbsolutePath().getParent());
    Path tmp = aliasCachePath.resolveSibling("." + aliasCachePath.getFileName() + ".tmp");
    Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, aliasCachePath, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    aliases.put(name, new Alias(ImageReference.parse(value.name()), aliasCachePath.toString()));
  }

  private static String tomlString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  // ---- loading ----

  private void loadFiles() {
    JsonNode main = readTomlOrFail(mainPath);
    if (main != null) {
      // The main file is the origin of the (possibly empty) search list even when it does not set it:
      // podman names it in the "no unqualified-search registries are defined in" error.
      searchRegistriesOrigin = mainPath.toString();
      apply(main, mainPath, true);
    }
    for (Path p : dropIns()) {
      JsonNode n = readTomlOrFail(p);
      if (n != null) {
        apply(n, p, false);
      }
    }
    if (aliasCachePath != null) {
      JsonNode cache = readTomlOrFail(aliasCachePath);
      if (cache != null && cache.has("aliases")) {
        applyAliases(cache.get("aliases"), aliasCachePath);
      }
    }
  }

  private List<Path> dropIns() {
    if (dropInDir == null || !Files.isDirectory(dropInDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dropInDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".conf") && Files.isRegularFile(p))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException e) {
      throw JpodException.system("reading registries configuration directory " + dropInDir + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode readTomlOrFail(Path p) {
    try {
      return readToml(p);
    } catch (IOException e) {
      throw JpodException.invalid("loading registries configuration \"" + p + "\": " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The parsed file, or null when it does not exist. */
  private static JsonNode readToml(Path p) throws IOException {
    if (p == null) {
      return null;
    }
    String text;
    try {
      text = Files.readString(p, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (text.isBlank()) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    return TOML.readTree(text);
  }

  private void apply(JsonNode n, Path origin, boolean mayBeV1) {
    JsonNode v1 = n.get("registries");
    boolean hasV1 = v1 != null && v1.isObject();
    boolean hasV2 = n.has("registry") || n.has("unqualified-search-registries");
    if (hasV1) {
      if (!mayBeV1) {
        throw invalid(origin, "the v1 [registries] format is not allowed in a drop-in file");
      }
      if (hasV2) {
        throw invalid(origin, "mixing sysregistry v1/v2 is not supported");
      }
      applyV1(v1, origin);
    }
    JsonNode usr = n.get("unqualified-search-registries");
    if (usr != null) {
      List<String> list = new ArrayList<>();
      for (JsonNode e : usr) {
        list.add(checkHost(e.asText(), origin));
      }
      searchRegistries = List.copyOf(list);
      searchRegistriesOrigin = origin.toString();
    }
    JsonNode mode = n.get("short-name-mode");
    if (mode != null && !mode.asText().isEmpty()) {
      shortNameMode = ShortNameMode.parse(mode.asText(), origin);
    }
    JsonNode regs = n.get("registry");
    if (regs != null) {
      for (JsonNode r : regs) {
        Registry reg = parseRegistry(r, origin);
        registries.remove(reg.prefix()); // re-insert so iteration order follows the last definition
        registries.put(reg.prefix(), reg);
      }
    }
    JsonNode al = n.get("aliases");
    if (al != null) {
      applyAliases(al, origin);
    }
  }

  private void applyV1(JsonNode v1, Path origin) {
    JsonNode search = v1.path("search").path("registries");
    if (search.isArray()) {
      List<String> list = new ArrayList<>();
      search.forEach(e -> list.add(checkHost(e.asText(), origin)));
      searchRegistries = List.copyOf(list);
      searchRegistriesOrigin = origin.toString();
    }
    Map<String, boolean[]> flags = new LinkedHashMap<>();
    v1.path("block").path("registries").forEach(e -> flags.computeIfAbsent(e.asText(), k -> new boolean[2])[1] = true);
    v1.path("insecure").path("registries").forEach(e -> flags.computeIfAbsent(e.asText(), k -> new boolean[2])[0] = true);
    flags.forEach((loc, f) -> {
      String l = parseLocation(loc, origin);
      registries.put(l, new Registry(l, l, f[0], f[1], false, List.of()));
    });
  }

  private Registry parseRegistry(JsonNode r, Path origin) {
    String location = r.path("location").asText("");
    String prefix = r.path("prefix").asText("");
    boolean wildcard = prefix.startsWith("*.");
    if (!location.isEmpty()) {
      location = parseLocation(location, origin);
    } else if (!wildcard) {
      throw invalid(origin, "invalid location: cannot be empty");
    }
    if (prefix.isEmpty()) {
      prefix = location;
    } else if (!wildcard) {
      prefix = parseLocation(prefix, origin);
    }
    if (wildcard && !location.isEmpty()) {
      // containers/image refuses a location for a wildcard prefix: there is nothing to rewrite.
      throw invalid(origin, "invalid location for wildcard prefix \"" + prefix + "\": must be empty");
    }
    List<Endpoint> mirrors = new ArrayList<>();
    for (JsonNode m : r.path("mirror")) {
      String ml = m.path("location").asText("");
      if (ml.isEmpty()) {
        throw invalid(origin, "invalid mirror location: cannot be empty");
      }
      mirrors.add(new Endpoint(parseLocation(ml, origin), m.path("insecure").asBoolean(false),
          pullFromMirror(m.path("pull-from-mirror").asText(""), origin)));
    }
    boolean byDigest = r.path("mirror-by-digest-only").asBoolean(false);
    return new Registry(prefix, location, r.path("insecure").asBoolean(false), r.path("blocked").asBoolean(false),
        byDigest, mirrors);
  }

  private static PullFromMirror pullFromMirror(String s, Path origin) {
    return switch (s) {
      case "", "all" -> PullFromMirror.ALL;
      case "digest-only" -> PullFromMirror.DIGEST_ONLY;
      case "tag-only" -> PullFromMirror.TAG_ONLY;
      default -> throw invalid(origin, "unsupported pull-from-mirror value \"" + s + "\"");
    };
  }

  private void applyAliases(JsonNode table, Path origin) {
    for (var e : table.properties()) {
      String name = e.getKey();
      String value = e.getValue().asText("");
      if (value.isEmpty()) {
        aliases.remove(name); // an empty value cancels an alias set by an earlier file
        continue;
      }
      ImageReference.Parts key = ImageReference.split(name);
      if (key.domain() != null || key.tag() != null || key.digest() != null) {
        throw invalid(origin, "invalid short name \"" + name + "\": must be a short name without tag or digest");
      }
      ImageReference target;
      try {
        target = ImageReference.parse(value);
      } catch (JpodException ex) {
        throw invalid(origin, "invalid alias \"" + name + "\" = \"" + value + "\": " + ex.getMessage());
      }
      if (target.tag() != null || target.digest() != null) {
        throw invalid(origin, "invalid alias \"" + name + "\" = \"" + value + "\": must not contain a tag or digest");
      }
      aliases.put(name, new Alias(target, origin.toString()));
    }
  }

  private static String parseLocation(String input, Path origin) {
    String trimmed = input;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty()) {
      throw invalid(origin, "invalid location: cannot be empty");
    }
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      throw invalid(origin, "invalid location '" + input + "': URI schemes are not supported");
    }
    return trimmed;
  }

  private static String checkHost(String input, Path origin) {
    String h = parseLocation(input, origin);
    if (h.contains("/") || !h.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
      throw invalid(origin, "Invalid unqualified-search-registries entry \"" + h + "\"");
    }
    return h;
  }

  private static JpodException invalid(Path origin, String msg) {
    return JpodException.invalid("loading registries configuration \"" + origin + "\": " + msg);
  }
}
