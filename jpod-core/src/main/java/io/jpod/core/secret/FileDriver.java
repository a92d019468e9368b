package io.jpod.core.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * podman's "file" secret driver: every secret's data base64-encoded in one
 * {@code <path>/secretsdata.json} (id → data), guarded by {@code secretsdata.lock}. Unencrypted, so the
 * file and its directory are for root only.
 */
final class FileDriver {
  private final LockedJsonFile file;

  FileDriver(Path dir, ObjectMapper json) {
    this.file = new LockedJsonFile(dir.resolve("secretsdata.json"), dir.resolve("secretsdata.lock"), json);
  }

  void store(String id, byte[] data) {
    file.update(root -> {
      if (root.has(id)) {
        throw JpodException.conflict("secret data for ID " + id + " already exists");
      }
      root.put(id, Base64.getEncoder().encodeToString(data));
      SecretStore.Db.sortFields(root);
      return null;
    });
  }

  byte[] lookup(String id) {
    return file.read(root -> {
      JsonNode n = root.get(id);
      if (n == null || !n.isTextual()) {
        throw JpodException.notFound(id + ": no such secret");
      }
      return Base64.getDecoder().decode(n.asText());
    });
  }

  void delete(String id) {
    file.update(root -> root.remove(id));
  }
}
