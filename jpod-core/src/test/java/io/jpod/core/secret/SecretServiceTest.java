package io.jpod.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.Json;
import io.jpod.common.JpodException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretServiceTest {
  @TempDir Path root;

  private SecretService service() {
    return new SecretService(root, Json.mapper());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void createWritesPodmansFilesPrivately() throws Exception {
    Secret s = service().create(new SecretSpec("s1", bytes("hello"), null, null, Map.of("b", "2", "a", "1")));
    assertThat(s.id()).matches("[0-9a-f]{25}");
    Path dir = root.resolve("secrets");
    JsonNode db = Json.mapper().readTree(dir.resolve("secrets.json").toFile());
    JsonNode entry = db.path("secrets").path(s.id());
    assertThat(entry.path("name").asText()).isEqualTo("s1");
    assertThat(entry.path("driver").asText()).isEqualTo("file");
    assertThat(entry.path("driverOptions").path("path").asText()).isEqualTo(dir.resolve("filedriver").toString());
    assertThat(entry.path("labels").path("a").asText()).isEqualTo("1");
    assertThat(db.path("nameToID").path("s1").asText()).isEqualTo(s.id());
    assertThat(db.path("idToName").path(s.id()).asText()).isEqualTo("s1");
    JsonNode data = Json.mapper().readTree(dir.resolve("filedriver/secretsdata.json").toFile());
    assertThat(data.path(s.id()).asText()).isEqualTo("aGVsbG8=");
    // Go's MarshalIndent layout, so podman and jpod write the same bytes
    assertThat(Files.readString(dir.resolve("filedriver/secretsdata.json")))
        .isEqualTo("{\n  \"" + s.id() + "\": \"aGVsbG8=\"\n}");
    for (Path p : List.of(dir.resolve("secrets.json"), dir.resolve("filedriver/secretsdata.json"))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("filedriver")))).isEqualTo("rwx------");
    assertThat(new String(service().data("s1"), StandardCharsets.UTF_8)).isEqualTo("hello");
  }

  @Test
  void lookupByNameIdAndPrefix() {
    Secret s = service().create(SecretSpec.of("abc", bytes("x")));
    assertThat(service().lookup("abc")).isEqualTo(s);
    assertThat(service().lookup(s.id())).isEqualTo(s);
    assertThat(service().lookup(s.id().substring(0, 6)).id()).isEqualTo(s.id());
    assertThatThrownBy(() -> service().lookup("nope"))
        .hasMessage("no secret with name or id \"nope\": no such secret");
  }

  @Test
  void podmansErrors() {
    service().create(SecretSpec.of("dup", bytes("x")));
    assertThatThrownBy(() -> service().create(SecretSpec.of("dup", bytes("y"))))
        .hasMessage("dup: secret name in use")
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
    String sizeError = "secret data must be larger than 0 and less than 512000 bytes";
    assertThatThrownBy(() -> service().create(SecretSpec.of("e", new byte[0]))).hasMessage(sizeError);
    assertThatThrownBy(() -> service().create(SecretSpec.of("big", new byte[512000]))).hasMessage(sizeError);
    assertThat(service().create(SecretSpec.of("big", new byte[511999])).name()).isEqualTo("big");
    for (String bad : List.of("a-", "-a", "a/b", "bad name", "x".repeat(65), "")) {
      assertThatThrownBy(() -> service().create(SecretSpec.of(bad, bytes("x"))))
          .hasMessageEndingWith(bad + ": invalid secret name");
    }
    assertThat(service().create(SecretSpec.of("x".repeat(64), bytes("x")))).isNotNull();
    assertThat(service().create(SecretSpec.of("a", bytes("x")))).isNotNull();
    assertThatThrownBy(() -> service().create(new SecretSpec("d", bytes("x"), "bogus", null, null)))
        .hasMessage("invalid driver");
  }

  @Test
  void removeDropsMetadataAndData() throws Exception {
    Secret s = service().create(SecretSpec.of("gone", bytes("x")));
    Secret kept = service().create(SecretSpec.of("kept", bytes("y")));
    assertThat(service().remove("gone").id()).isEqualTo(s.id());
    assertThat(service().list()).containsExactly(kept);
    assertThat(Files.readString(root.resolve("secrets/filedriver/secretsdata.json"))).doesNotContain(s.id());
    assertThat(Files.readString(root.resolve("secrets/secrets.json"))).doesNotContain("gone");
    assertThatThrownBy(() -> service().remove("gone")).hasMessageContaining("no such secret");
  }

  @Test
  void concurrentCreatorsLoseNothing() throws Exception {
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    // separate services, as separate jpod processes would have
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 20; i++) {
        int n = i;
        pool.submit(() -> ids.add(service().create(SecretSpec.of("c" + n, bytes("v" + n))).id()));
      }
    }
    assertThat(ids).hasSize(20);
    assertThat(service().list()).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(new String(service().data("c" + i), StandardCharsets.UTF_8)).isEqualTo("v" + i);
    }
  }
}
