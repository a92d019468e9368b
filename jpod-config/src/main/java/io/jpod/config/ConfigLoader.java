package io.jpod.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads containers.conf and storage.conf the way podman does.
 *
 * <p>containers.conf: built-in defaults, then {@code /usr/share/containers/containers.conf}, then
 * {@code /etc/containers/containers.conf}, then {@code /etc/containers/containers.conf.d/*.conf}
 * (sorted by name); if {@code $CONTAINERS_CONF} is set, only that file on top of the defaults;
 * {@code $CONTAINERS_CONF_OVERRIDE} last (see {@link ConfigSources#containersConfFiles()}). Later files
 * override only the keys they set: each file is parsed into a tree, the trees are merged per key (tables
 * such as {@code [engine.runtimes]} per entry; arrays ending in {@code {append=true}} extend the earlier
 * value), and the merged tree is mapped once onto the records. Unknown keys are ignored. Rootless
 * per-user files ({@code ~/.config/containers}) are not read: jpod runs as root.
 *
 * <p>storage.conf: see {@link StorageConf}.
 *
 * <p>Errors: a file that is not valid TOML, or sets a key to the wrong type, gives
 * {@code INVALID_ARGUMENT "reading containers.conf <path>: <reason>"}; a file named by
 * {@code $CONTAINERS_CONF} that does not exist gives {@code "CONTAINERS_CONF file: stat <path>: …"}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Jackson's TOML factory, used without an ObjectMapper: {@code new TomlMapper()} alone costs about
   * half a second on a cold JVM, and this runs on every CLI start. The token stream is turned into a
   * {@link JsonNode} tree by {@link #readTree}.
   */
  private static final class Toml {
    static final TomlFactory FACTORY = new TomlFactory();
  }

  /** Loads from the real machine ({@code /} and the process environment). */
  public static JpodConfig loadDefault() {
    return load(ConfigSources.system());
  }

  /** Loads containers.conf and storage.conf from {@code sources}. */
  public static JpodConfig load(ConfigSources sources) {
    HostFacts host = sources.hostFacts();
    List<Path> files = sources.containersConfFiles();
    ContainersConf cc = loadContainersConf(files, host);
    StorageConf sc = loadStorageConf(sources);
    return new JpodConfig(cc, sc, host, files);
  }

  /** Reads and merges {@code files} (lowest priority first) on top of the built-in defaults. */
  public static ContainersConf loadContainersConf(List<Path> files, HostFacts host) {
    List<ObjectNode> trees = new ArrayList<>(files.size());
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    for (Path f : files) {
      ObjectNode tree = parse("containers.conf", f);
      trees.add(tree);
      TomlTable.mergeInto(merged, tree);
    }
    try {
      return ContainersConf.from(TomlTable.root(merged), host);
    } catch (TomlTable.TypeMismatch e) {
      throw typeError("containers.conf", e, files, trees);
    }
  }

  /** Parses one containers.conf text (tests, {@code podman info}-style tools); no file merging. */
  public static ContainersConf parseContainersConf(String toml, HostFacts host) {
    ObjectNode tree = parseText("containers.conf", "<string>", toml);
    try {
      return ContainersConf.from(TomlTable.root(tree), host);
    } catch (TomlTable.TypeMismatch e) {
      throw JpodException.invalid("reading containers.conf <string>: " + e.getMessage());
    }
  }

  /** Loads the storage configuration jpod uses (see {@link StorageConf} for which file). */
  public static StorageConf loadStorageConf(ConfigSources sources) {
    Optional<Path> file = sources.storageConfFile();
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    Optional<Path> source = Optional.empty();
    if (file.isPresent() && Files.exists(file.get())) {
      tree = parse("storage.conf", file.get());
      source = file;
    }
    try {
      return StorageConf.from(source, TomlTable.root(tree), sources.env());
    } catch (TomlTable.TypeMismatch e) {
      throw JpodException.invalid("reading storage.conf " + file.orElseThrow() + ": " + e.getMessage());
    }
  }

  // ------------------------------------------------------------------ parsing

  private static ObjectNode parse(String what, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw JpodException.invalid("reading " + what + " " + file + ": no such file or directory");
    } catch (IOException e) {
      throw new JpodException(
          ErrorKind.SYSTEM, "reading " + what + " " + file + ": " + oneLine(e.getMessage()), e);
    }
    return parseText(what, file.toString(), text);
  }

  private static ObjectNode parseText(String what, String name, String text) {
    JsonNode node;
    try {
      try (JsonParser p = Toml.FACTORY.createParser(text)) {
        JsonToken first = p.nextToken();
        node = first == null ? null : readTree(p, first);
      }
    } catch (JacksonException e) {
      throw new JpodException(
          ErrorKind.INVALID_ARGUMENT, "reading " + what + " " + name + ": " + reason(e), e);
    } catch (IOException e) {
      throw new JpodException(
          ErrorKind.INVALID_ARGUMENT, "reading " + what + " " + name + ": " + oneLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      // defensive: the TOML parser should only throw JacksonException
      throw new JpodException(
          ErrorKind.INVALID_ARGUMENT, "reading " + what + " " + name + ": " + oneLine(e.getMessage()), e);
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      throw JpodException.invalid("reading " + what + " " + name + ": not a TOML document");
    }
    return (ObjectNode) node;
  }

  /** Builds a node tree from the parser positioned on {@code t}, without any ObjectMapper. */
  private static JsonNode readTree(JsonParser p, JsonToken t) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (t) {
      case START_OBJECT -> {
        ObjectNode o = f.objectNode();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String field = p.currentName();
          o.set(field, readTree(p, p.nextToken()));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = f.arrayNode();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
          a.add(readTree(p, v));
        }
        yield a;
      }
      case VALUE_STRING -> f.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? f.numberNode(p.getBigIntegerValue())
              : f.numberNode(p.getLongValue());
      case VALUE_NUMBER_FLOAT -> f.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> f.booleanNode(true);
      case VALUE_FALSE -> f.booleanNode(false);
      case VALUE_NULL -> f.nullNode();
      case VALUE_EMBEDDED_OBJECT -> f.textNode(String.valueOf(p.getEmbeddedObject()));
      default -> throw new IOException("unexpected TOML token " + t);
    };
  }

  private static String reason(JacksonException e) {
    String msg = oneLine(e.getOriginalMessage());
    JsonLocation loc = e.getLocation();
    if (loc != null && loc.getLineNr() > 0) {
      msg = "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": " + msg;
    }
    return msg;
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return (nl >= 0 ? s.substring(0, nl) : s).strip();
  }

  private static JpodException typeError(
      String what, TomlTable.TypeMismatch e, List<Path> files, List<ObjectNode> trees) {
    for (int i = trees.size() - 1; i >= 0; i--) {
      if (TomlTable.sets(trees.get(i), e.key)) {
        return JpodException.invalid("reading " + what + " " + files.get(i) + ": " + e.getMessage());
      }
    }
    return JpodException.invalid("reading " + what + ": " + e.getMessage());
  }
}
