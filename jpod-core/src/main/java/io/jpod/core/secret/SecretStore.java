package io.jpod.core.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.core.spec.SpecGenerator;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The secrets manager's database, {@code <graphroot>/secrets/secrets.json} in containers/common's
 * shape: {@code secrets} (id → name, id, labels, createdAt, driver, driverOptions), {@code nameToID}
 * and {@code idToName}, guarded by {@code secrets.lock}. podman and jpod read each other's files.
 */
final class SecretStore {
  private final LockedJsonFile file;

  SecretStore(Path dir, ObjectMapper json) {
    this.file = new LockedJsonFile(dir.resolve("secrets.json"), dir.resolve("secrets.lock"), json);
  }

  /** The database as read under the lock, for lookups. */
  <T> T read(Function<Db, T> work) {
    return file.read(root -> work.apply(new Db(root)));
  }

  /** Reads, changes and writes the database under the lock (the drivers are called inside it). */
  <T> T update(Function<Db, T> change) {
    return file.update(root -> {
      Db db = new Db(root);
      T result = change.apply(db);
      db.sort();
      return result;
    });
  }

  /** A view over the JSON tree that keeps the three maps consistent. */
  static final class Db {
    private final ObjectNode secrets;
    private final ObjectNode nameToId;
    private final ObjectNode idToName;

    Db(ObjectNode root) {
      secrets = object(root, "secrets");
      nameToId = object(root, "nameToID");
      idToName = object(root, "idToName");
    }

    private static ObjectNode object(ObjectNode root, String field) {
      return root.get(field) instanceof ObjectNode o ? o : root.putObject(field);
    }

    /** All secrets, in creation order. */
    List<Secret> all() {
      List<Secret> out = new ArrayList<>();
      secrets.properties().forEach(e -> out.add(fromJson(e.getKey(), e.getValue())));
      out.sort(java.util.Comparator.comparing(Secret::createdAt).thenComparing(Secret::name));
      return out;
    }

    String idOfName(String name) {
      JsonNode n = nameToId.get(name);
      return n == null ? null : n.asText();
    }

    boolean hasId(String id) {
      return secrets.has(id);
    }

    List<String> ids() {
      List<String> ids = new ArrayList<>();
      secrets.fieldNames().forEachRemaining(ids::add);
      return ids;
    }

    Secret get(String id) {
      JsonNode n = secrets.get(id);
      return n == null ? null : fromJson(id, n);
    }

    void put(Secret s) {
      ObjectNode o = secrets.putObject(s.id());
      o.put("name", s.name());
      o.put("id", s.id());
      if (!s.labels().isEmpty()) {
        ObjectNode l = o.putObject("labels");
        s.labels().forEach(l::put);
      }
      o.put("createdAt", SpecGenerator.goRfc3339Nano(s.createdAt()));
      o.put("driver", s.driver());
      ObjectNode d = o.putObject("driverOptions");
      s.driverOptions().forEach(d::put);
      nameToId.put(s.name(), s.id());
      idToName.put(s.id(), s.name());
    }

    /** Go writes maps with sorted keys; so does jpod, so both write the same file for the same secrets. */
    void sort() {
      for (ObjectNode map : List.of(secrets, nameToId, idToName)) {
        sortFields(map);
      }
    }

    static void sortFields(ObjectNode map) {
      var sorted = new java.util.TreeMap<String, JsonNode>();
      map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      map.removeAll();
      sorted.forEach(map::set);
    }

    void remove(Secret s) {
      secrets.remove(s.id());
      nameToId.remove(s.name());
      idToName.remove(s.id());
    }

    private static Secret fromJson(String id, JsonNode n) {
      return new Secret(
          n.path("id").asText(id),
          n.path("name").asText(),
          strings(n.get("labels")),
          n.hasNonNull("createdAt") ? OffsetDateTime.parse(n.get("createdAt").asText()).toInstant() : java.time.Instant.EPOCH,
          n.path("driver").asText(SecretService.FILE_DRIVER),
          strings(n.get("driverOptions")));
    }

    private static Map<String, String> strings(JsonNode n) {
      Map<String, String> m = new LinkedHashMap<>();
      if (n != null && n.isObject()) {
        n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
      }
      return m;
    }
  }
}
