package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileTest {
  @TempDir Path tmp;

  private JsonFile<MountRecord> open() {
    // each instance stands for another jpod process: its own cache, the same file and lock
    return new JsonFile<>(tmp.resolve("mountpoints.json"), tmp.resolve("mountpoints.lock"), new StorageJson(),
        MountRecord.class);
  }

  @Test
  void seesEveryWriteOfAnotherInstanceEvenOfTheSameSize() {
    JsonFile<MountRecord> a = open();
    JsonFile<MountRecord> b = open();
    assertThat(a.read()).isEmpty();
    List<MountRecord> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // counts 1..9: most writes keep the file's size, and on ext4 the two inodes alternate
      MountRecord r = new MountRecord("layer" + (i % 3), "/m", 1 + i % 9);
      JsonFile<MountRecord> writer = i % 5 == 0 ? a : b;
      writer.update(list -> {
        list.removeIf(m -> m.id().equals(r.id()));
        list.add(r);
        return null;
      });
      expected.removeIf(m -> m.id().equals(r.id()));
      expected.add(r);
      assertThat(a.read()).as("write %d", i).isEqualTo(expected);
      assertThat(b.read()).as("write %d", i).isEqualTo(expected);
    }
  }

  @Test
  void seesAFileReplacedByAnotherProgram() throws Exception {
    JsonFile<MountRecord> a = open();
    a.update(list -> list.add(new MountRecord("x", "/m", 1)));
    assertThat(a.read()).containsExactly(new MountRecord("x", "/m", 1));
    // as containers/storage writes it: a new file renamed over the old one
    AtomicFiles.write(a.path(), "[{\"id\":\"x\",\"path\":\"/m\",\"count\":2}]".getBytes(StandardCharsets.UTF_8));
    assertThat(a.read()).containsExactly(new MountRecord("x", "/m", 2));
    Files.delete(a.path());
    assertThat(a.read()).isEmpty();
    AtomicFiles.write(a.path(), "[{\"id\":\"y\",\"path\":\"/m\",\"count\":2}]".getBytes(StandardCharsets.UTF_8));
    assertThat(a.read()).containsExactly(new MountRecord("y", "/m", 2));
  }

  @Test
  void writesTheSameJsonAsBefore() throws Exception {
    JsonFile<MountRecord> a = open();
    a.update(list -> list.add(new MountRecord("x", "/m", 1)));
    a.update(list -> list.add(new MountRecord("y", "/n", 2)));
    assertThat(Files.readString(a.path()))
        .isEqualTo("[{\"id\":\"x\",\"path\":\"/m\",\"count\":1},{\"id\":\"y\",\"path\":\"/n\",\"count\":2}]");
  }

  @Test
  void parsesAnUnchangedFileOnlyOnce() throws Exception {
    JsonFile<MountRecord> a = open();
    a.update(list -> list.add(new MountRecord("x", "/m", 1)));
    FileTime modified = Files.getLastModifiedTime(a.path());
    // Same inode, size and time: the file counts as unchanged (no writer does this; it shows the cache).
    Files.writeString(a.path(), "[{\"id\":\"z\",\"path\":\"/m\",\"count\":1}]");
    Files.setLastModifiedTime(a.path(), modified);
    assertThat(a.read()).containsExactly(new MountRecord("x", "/m", 1));
    assertThat(open().read()).containsExactly(new MountRecord("z", "/m", 1));
  }

  @Test
  void callersGetTheirOwnLists() {
    JsonFile<MountRecord> a = open();
    a.update(list -> list.add(new MountRecord("x", "/m", 1)));
    a.read().clear();
    assertThatThrownBy(() -> a.update(list -> {
      list.clear();
      throw new IllegalStateException("change failed");
    })).hasMessage("change failed");
    assertThat(a.read()).containsExactly(new MountRecord("x", "/m", 1));
  }

  private Object inode() throws Exception {
    return Files.readAttributes(tmp.resolve("mountpoints.json"), BasicFileAttributes.class).fileKey();
  }

  @Test
  void anUpdateThatChangesNothingLeavesTheFileAlone() throws Exception {
    JsonFile<MountRecord> f = open();
    f.update(l -> l.add(new MountRecord("a", "/m/a", 1)));
    Object before = inode();
    f.update(l -> l.removeIf(m -> m.id().equals("gone")));
    assertThat(inode()).as("not rewritten (an atomic rewrite is a new inode)").isEqualTo(before);
    f.update(l -> l.removeIf(m -> m.id().equals("a")));
    assertThat(inode()).isNotEqualTo(before);
    assertThat(f.read()).isEmpty();
    assertThat(open().read()).as("another process sees the change").isEmpty();
  }

  @Test
  void aMissingFileIsWrittenEvenWhenEmpty() {
    JsonFile<MountRecord> f = open();
    f.update(l -> null);
    assertThat(tmp.resolve("mountpoints.json")).exists();
  }
}
