package io.jpod.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {
  @TempDir Path tmp;
  Path rootfs;

  @BeforeEach
  void rootfs() throws Exception {
    rootfs = Files.createDirectories(tmp.resolve("rootfs"));
    Files.createDirectories(rootfs.resolve("etc"));
    Files.writeString(rootfs.resolve("etc/passwd"), """
        root:x:0:0:root:/root:/bin/sh
        daemon:x:1:1:daemon:/usr/sbin:/bin/false
        # comment
        alice:x:1000:1000:Alice:/home/alice:/bin/sh
        nohome:x:1001:1001:::/bin/sh
        """);
    Files.writeString(rootfs.resolve("etc/group"), """
        root:x:0:
        wheel:x:10:root,alice
        staff:x:50:bob,alice
        alice:x:1000:
        """);
  }

  @Test
  void emptyIsRootWithRootsGroups() {
    // podman run without -u: `id` shows groups=10(wheel) when /etc/group lists root in wheel
    assertThat(UserResolver.resolve(rootfs, "")).isEqualTo(new ProcessUser(0, 0, List.of(10L), "/root"));
  }

  @Test
  void processGroupsInPodmansOrder() {
    // primary gid (a user was named), then --group-add, then the groups listing the user
    assertThat(SecuritySpec.additionalGids("alice", UserResolver.resolve(rootfs, "alice"), List.of("12", "staff"), rootfs))
        .containsExactly(1000L, 12L, 50L, 10L);
    assertThat(SecuritySpec.additionalGids("1000:1000", UserResolver.resolve(rootfs, "1000:1000"), List.of(), rootfs))
        .containsExactly(1000L);
    assertThat(SecuritySpec.additionalGids("", UserResolver.resolve(rootfs, ""), List.of("12"), rootfs))
        .containsExactly(12L, 10L);
    assertThatThrownBy(() -> SecuritySpec.additionalGids("", UserResolver.resolve(rootfs, ""), List.of("nogroup"), rootfs))
        .hasMessage("unable to find group nogroup: no matching entries in group file");
  }

  @Test
  void execUserAsPodmanComputesIt() {
    // exec without -u: the container's user and --group-add groups, without the primary gid
    assertThat(UserResolver.forExec(rootfs, "", "alice", List.of("12")))
        .isEqualTo(new ProcessUser(1000, 1000, List.of(12L, 10L, 50L), "/home/alice"));
    assertThat(UserResolver.forExec(rootfs, null, "", List.of())).isEqualTo(new ProcessUser(0, 0, List.of(), "/root"));
    assertThat(UserResolver.forExec(rootfs, "", "1000:1000", List.of())).isEqualTo(new ProcessUser(1000, 1000, List.of(), "/home/alice"));
    // exec -u: that user's groups only
    assertThat(UserResolver.forExec(rootfs, "0", "alice", List.of("12"))).isEqualTo(new ProcessUser(0, 0, List.of(10L), "/root"));
  }

  @Test
  void namesAndNumbers() {
    assertThat(UserResolver.resolve(rootfs, "alice"))
        .isEqualTo(new ProcessUser(1000, 1000, List.of(10L, 50L), "/home/alice"));
    assertThat(UserResolver.resolve(rootfs, "1000"))
        .isEqualTo(new ProcessUser(1000, 1000, List.of(10L, 50L), "/home/alice"));
    assertThat(UserResolver.resolve(rootfs, "root"))
        .isEqualTo(new ProcessUser(0, 0, List.of(10L), "/root"));
    assertThat(UserResolver.resolve(rootfs, "alice:staff"))
        .isEqualTo(new ProcessUser(1000, 50, List.of(), "/home/alice"));
    assertThat(UserResolver.resolve(rootfs, "1:4242")).isEqualTo(new ProcessUser(1, 4242, List.of(), "/usr/sbin"));
    assertThat(UserResolver.resolve(rootfs, "1234")).isEqualTo(new ProcessUser(1234, 0, List.of(), "/"));
    assertThat(UserResolver.resolve(rootfs, "nohome")).isEqualTo(new ProcessUser(1001, 1001, List.of(), "/"));
  }

  @Test
  void unknownNamesFail() {
    assertThatThrownBy(() -> UserResolver.resolve(rootfs, "bob"))
        .isInstanceOf(JpodException.class)
        .hasMessage("unable to find user bob: no matching entries in passwd file");
    assertThatThrownBy(() -> UserResolver.resolve(rootfs, "alice:nogroup"))
        .hasMessage("unable to find group nogroup: no matching entries in group file");
  }

  @Test
  void noPasswdFile() throws Exception {
    Files.delete(rootfs.resolve("etc/passwd"));
    assertThat(UserResolver.resolve(rootfs, "")).isEqualTo(new ProcessUser(0, 0, List.of(), "/root"));
    assertThat(UserResolver.resolve(rootfs, "0")).isEqualTo(new ProcessUser(0, 0, List.of(), "/"));
  }

  @Test
  void symlinksCannotEscapeRootfs() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("passwd"), "evil:x:0:0::/evil:/bin/sh\n");
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("../../outside/passwd"));
    assertThatThrownBy(() -> UserResolver.resolve(rootfs, "evil")).isInstanceOf(JpodException.class);
    // an absolute link is taken relative to the rootfs
    Files.delete(rootfs.resolve("etc/passwd"));
    Files.writeString(rootfs.resolve("etc/real-passwd"), "carol:x:7:7::/c:/bin/sh\n");
    Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/etc/real-passwd"));
    assertThat(UserResolver.resolve(rootfs, "carol")).isEqualTo(new ProcessUser(7, 7, List.of(), "/c"));
    assertThat(RootfsPaths.resolve(rootfs, "/../../etc/./passwd"))
        .isEqualTo(rootfs.toAbsolutePath().normalize().resolve("etc/real-passwd"));
  }
}
