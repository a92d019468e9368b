package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileTest {
  @TempDir Path dir;

  private JsonFile<MountRecord> file() {
    return new JsonFile<>(dir.resolve("mountpoints.json"), dir.resolve("mountpoints.lock"), new StorageJson(),
        MountRecord.class);
  }

  private Object inode() throws Exception {
    return Files.readAttributes(dir.resolve("mountpoints.json"), BasicFileAttributes.class).fileKey();
  }

  @Test
  void anUpdateThatChangesNothingLeavesTheFileAlone() throws Exception {
    JsonFile<MountRecord> f = file();
    f.update(l -> l.add(new MountRecord("a", "/m/a", 1)));
    Object before = inode();
    f.update(l -> l.removeIf(m -> m.id().equals("gone")));
    assertThat(inode()).as("not rewritten (an atomic rewrite is a new inode)").isEqualTo(before);
    f.update(l -> l.removeIf(m -> m.id().equals("a")));
    assertThat(inode()).isNotEqualTo(before);
    assertThat(f.read()).isEmpty();
  }

  @Test
  void aMissingFileIsWrittenEvenWhenEmpty() {
    JsonFile<MountRecord> f = file();
    f.update(l -> null);
    assertThat(dir.resolve("mountpoints.json")).exists();
  }
}
