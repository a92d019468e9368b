package io.jpod.core.secret;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * podman's secrets manager: create, list, look up, read and remove secrets kept under
 * {@code <graphroot>/secrets} (metadata in {@code secrets.json}, data with the driver). Every operation
 * works on the files under their locks, so concurrent jpod and podman processes see one set of secrets.
 */
public final class SecretService {
  public static final String FILE_DRIVER = "file";
  /** containers/common's limit: the data must be shorter than this. */
  public static final int MAX_SIZE = 512000;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?");
  private static final int ID_LENGTH = 25;

  private final Path dir;
  private final ObjectMapper json;
  private final SecretStore store;
  private final SecureRandom random = new SecureRandom();

  public SecretService(Path graphRoot, ObjectMapper json) {
    this.dir = graphRoot.resolve("secrets");
    this.json = json;
    this.store = new SecretStore(dir, json);
  }

  /** Creates a secret and returns it; podman's errors for a bad name, bad size, taken name or driver. */
  public Secret create(SecretSpec spec) {
    validateName(spec.name());
    if (spec.data().length == 0 || spec.data().length >= MAX_SIZE) {
      throw JpodException.invalid("secret data must be larger than 0 and less than " + MAX_SIZE + " bytes");
    }
    Map<String, String> options = new LinkedHashMap<>(spec.driverOptions());
    if (!spec.driver().equals(FILE_DRIVER)) {
      throw unsupportedDriver(spec.driver(), options);
    }
    options.putIfAbsent("path", dir.resolve("filedriver").toString());
    return store.update(db -> {
      if (db.idOfName(spec.name()) != null) {
        throw JpodException.conflict(spec.name() + ": secret name in use");
      }
      String id;
      do {
        id = newId();
      } while (db.hasId(id));
      Secret s = new Secret(id, spec.name(), spec.labels(), Instant.now(), spec.driver(), options);
      driver(s).store(id, spec.data());
      db.put(s);
      return s;
    });
  }

  /** All secrets, oldest first. */
  public List<Secret> list() {
    return store.read(SecretStore.Db::all);
  }

  /** By name, full id or unique id prefix. */
  public Optional<Secret> find(String nameOrId) {
    return store.read(db -> Optional.ofNullable(resolve(db, nameOrId)));
  }

  /** {@link #find}, or podman's "no such secret" error. */
  public Secret lookup(String nameOrId) {
    return find(nameOrId).orElseThrow(() -> noSuchSecret(nameOrId));
  }

  /** The secret's data. */
  public byte[] data(String nameOrId) {
    return store.read(db -> {
      Secret s = resolve(db, nameOrId);
      if (s == null) {
        throw noSuchSecret(nameOrId);
      }
      return driver(s).lookup(s.id());
    });
  }

  /**
   * Removes a secret and its data and returns it. Like podman 4.3.1 this does not look at containers:
   * mounted secrets were copied at create, but a container exporting it as a variable then cannot start.
   */
  public Secret remove(String nameOrId) {
    return store.update(db -> {
      Secret s = resolve(db, nameOrId);
      if (s == null) {
        throw noSuchSecret(nameOrId);
      }
      driver(s).delete(s.id());
      db.remove(s);
      return s;
    });
  }

  /** Parses {@code --secret} values and resolves each secret; fails on the first unknown one. */
  public List<SecretUse> uses(List<String> flags) {
    return SecretFlags.parse(flags).stream().map(r -> r.resolve(lookup(r.source()))).toList();
  }

  public static JpodException noSuchSecret(String nameOrId) {
    return JpodException.notFound("no secret with name or id \"" + nameOrId + "\": no such secret");
  }

  static void validateName(String name) {
    if (name == null || name.length() > 64 || !NAME.matcher(name).matches()) {
      throw JpodException.invalid("only 64 [a-zA-Z0-9-_.] characters allowed, and the start and end character must be [a-zA-Z0-9]: "
          + name + ": invalid secret name");
    }
  }

  /** Name, then full id, then a unique id prefix (containers/common's lookup order). */
  private static Secret resolve(SecretStore.Db db, String nameOrId) {
    if (nameOrId == null || nameOrId.isEmpty()) {
      return null;
    }
    String id = db.idOfName(nameOrId);
    if (id != null) {
      return db.get(id);
    }
    if (db.hasId(nameOrId)) {
      return db.get(nameOrId);
    }
    List<String> matches = db.ids().stream().filter(i -> i.startsWith(nameOrId)).toList();
    if (matches.size() > 1) {
      throw JpodException.conflict("more than one result secret with prefix " + nameOrId + ": secret is ambiguous");
    }
    return matches.isEmpty() ? null : db.get(matches.getFirst());
  }

  private FileDriver driver(Secret s) {
    if (!s.driver().equals(FILE_DRIVER)) {
      throw unsupportedDriver(s.driver(), s.driverOptions());
    }
    String path = s.driverOptions().get("path");
    return new FileDriver(path == null || path.isEmpty() ? dir.resolve("filedriver") : Path.of(path), json);
  }

  private static JpodException unsupportedDriver(String driver, Map<String, String> options) {
    return switch (driver) {
      case "pass", "shell" -> options.isEmpty()
          ? JpodException.invalid("missing config value")
          : JpodException.invalid("secret driver " + driver + " is not supported by jpod");
      default -> JpodException.invalid("invalid driver");
    };
  }

  private String newId() {
    byte[] b = new byte[(ID_LENGTH + 1) / 2];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b).substring(0, ID_LENGTH);
  }
}
