package io.jpod.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityFilesTest {
  @TempDir Path root;

  private void image() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
  }

  @Test
  void numericUserGetsPodmansEntriesOnce() throws IOException {
    image();
    IdentityFiles.addUser(root, "1234", "/", null);
    IdentityFiles.addUser(root, "1234", "/", null);
    assertThat(Files.readString(root.resolve("etc/passwd")))
        .isEqualTo("root:x:0:0:root:/root:/bin/sh\n1234:*:1234:0:container user:/:/bin/sh\n");
    assertThat(Files.readString(root.resolve("etc/group"))).isEqualTo("root:x:0:\n1234:x:1234:1234\n");
  }

  @Test
  void passwdEntryTemplateAndKnownUsers() throws IOException {
    image();
    IdentityFiles.addUser(root, "1234:55", "/tmp", "u$UID:x:$UID:$GID:$NAME:$HOME:/bin/sh");
    assertThat(Files.readString(root.resolve("etc/passwd"))).endsWith("u1234:x:1234:55:container user:/tmp:/bin/sh\n");
    assertThat(Files.readString(root.resolve("etc/group"))).endsWith("55:x:55:1234\n");
    String before = Files.readString(root.resolve("etc/passwd"));
    IdentityFiles.addUser(root, "0", "/", "x");
    IdentityFiles.addUser(root, "", "/", "x");
    IdentityFiles.addUser(root, "root", "/", "x");
    assertThat(Files.readString(root.resolve("etc/passwd"))).isEqualTo(before);
  }

  @Test
  void aSymlinkedPasswdIsLeftAlone() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Path outside = Files.writeString(root.resolve("outside"), "root:x:0:0::/:/bin/sh\n");
    Files.createSymbolicLink(root.resolve("etc/passwd"), outside);
    IdentityFiles.addUser(root, "1234", "/", null);
    assertThat(Files.readString(outside)).isEqualTo("root:x:0:0::/:/bin/sh\n");
  }
}
