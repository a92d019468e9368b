package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code jpod mount} / {@code umount}: the root filesystem mounted on the host, its users counted
 * together with start and stop, as podman's mount counter does.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MountIT extends JpodTestBase {

  @Test
  void mountListAndUnmountAStoppedContainer() throws IOException {
    String name = uniqueName("mnt");
    assertThat(jpod("create", "--name", name, "busybox", "true")).exitsCleanly();
    String id = id(name);
    assertThat(jpod("mount")).exitsCleanly().stdoutIs("");

    CliResult mounted = jpod("mount", name);
    assertThat(mounted).exitsCleanly();
    Path path = Path.of(mounted.out());
    assertThat(path.resolve("bin/busybox")).isRegularFile();
    assertThat(isMountPoint(path)).isTrue();

    assertThat(jpod("mount")).exitsCleanly().stdoutIs(id.substring(0, 12) + "  " + path);
    assertThat(jpod("mount", "--no-trunc")).exitsCleanly().stdoutIs(id + "  " + path);
    JsonNode json = new ObjectMapper().readTree(jpod("mount", "--format", "json").out());
    assertThat(json).hasSize(1);
    assertThat(json.get(0).get("id").asText()).isEqualTo(id);
    assertThat(json.get(0).get("Names").get(0).asText()).isEqualTo(name);
    assertThat(json.get(0).get("mountpoint").asText()).isEqualTo(path.toString());

    assertThat(jpod("umount", name)).exitsCleanly().stdoutIs(name);
    assertThat(isMountPoint(path)).isFalse();
    assertThat(jpod("mount")).exitsCleanly().stdoutIs("");
    // unmounting what is not mounted is fine, as in podman
    assertThat(jpod("unmount", name)).exitsCleanly().stdoutIs(name);
  }

  @Test
  void mountsAreCountedAndForceDropsThemAll() {
    String name = uniqueName("mnt-count");
    assertThat(jpod("create", "--name", name, "busybox", "true")).exitsCleanly();
    Path path = Path.of(jpod("mount", name).out());
    assertThat(jpod("mount", name)).exitsCleanly();
    assertThat(jpod("umount", name)).exitsCleanly();
    assertThat(isMountPoint(path)).as("one user left").isTrue();
    assertThat(jpod("umount", name)).exitsCleanly();
    assertThat(isMountPoint(path)).isFalse();

    jpod("mount", name);
    jpod("mount", name);
    assertThat(jpod("umount", "-f", name)).exitsCleanly();
    assertThat(isMountPoint(path)).isFalse();
  }

  @Test
  void theMountOutlivesStartAndStop() {
    String name = uniqueName("mnt-life");
    assertThat(jpod("create", "--name", name, "busybox", "sleep", "600")).exitsCleanly();
    Path path = Path.of(jpod("mount", name).out());
    assertThat(jpod("start", name)).exitsCleanly();
    assertThat(jpod("stop", "-t", "0", name)).exitsCleanly();
    assertThat(isMountPoint(path)).as("still mounted for the user after stop").isTrue();
    assertThat(jpod("mount").out()).contains(path.toString());
    assertThat(jpod("umount", name)).exitsCleanly();
    assertThat(isMountPoint(path)).isFalse();
  }

  @Test
  void aRunningContainerKeepsItsOwnMount() throws IOException {
    String name = uniqueName("mnt-run");
    assertThat(jpod("run", "-d", "--name", name, "busybox", "sleep", "600")).exitsCleanly();
    Path path = Path.of(jpod("mount", name).out());
    Files.writeString(path.resolve("tmp/from-host"), "seen");
    assertThat(jpod("exec", name, "cat", "/tmp/from-host")).exitsCleanly().stdoutIs("seen");

    assertThat(jpod("umount", "-f", name)).exitsCleanly().stdoutIs(name);
    assertThat(jpod("umount", name)).exitsCleanly();
    assertThat(isMountPoint(path)).as("the running container still uses it").isTrue();
    assertThat(jpod("mount").out()).contains(path.toString());
    assertThat(jpod("exec", name, "cat", "/tmp/from-host")).exitsCleanly().stdoutIs("seen");

    assertThat(jpod("stop", "-t", "0", name)).exitsCleanly();
    assertThat(isMountPoint(path)).isFalse();
  }

  @Test
  void allMountsAndUnmountsEveryContainer() {
    String a = uniqueName("mnt-a");
    String b = uniqueName("mnt-b");
    assertThat(jpod("create", "--name", a, "busybox", "true")).exitsCleanly();
    assertThat(jpod("create", "--name", b, "busybox", "true")).exitsCleanly();
    List<String> ids = List.of(id(a), id(b)).stream().sorted().toList();
    CliResult all = jpod("mount", "-a");
    assertThat(all).exitsCleanly();
    assertThat(all.lines()).hasSize(2);
    assertThat(jpod("umount", "-a")).exitsCleanly().stdoutIs(String.join("\n", ids));
    assertThat(jpod("mount")).exitsCleanly().stdoutIs("");
  }

  @Test
  void errorsAsPodman() {
    assertThat(jpod("mount", "no-such-ctr")).exitedWith(125).singleErrorLine()
        .stderrIs("Error: no container with name or ID \"no-such-ctr\" found: no such container");
    String name = uniqueName("mnt-err");
    assertThat(jpod("create", "--name", name, "busybox", "true")).exitsCleanly();
    // one unknown name fails the whole command before anything is mounted
    assertThat(jpod("mount", name, "no-such-ctr")).exitedWith(125).stdoutIs("");
    assertThat(jpod("mount")).exitsCleanly().stdoutIs("");
    assertThat(jpod("umount")).exitedWith(125).stderrIs("Error: you must provide at least one name or id");
    assertThat(jpod("mount", "--format", "{{.ID}}")).exitedWith(125)
        .stderrIs("Error: unknown --format argument: \"{{.ID}}\"");
  }

  static boolean isMountPoint(Path p) {
    try {
      String target = p.toAbsolutePath().normalize().toString();
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
          .map(l -> l.split(" "))
          .anyMatch(f -> f.length > 4 && f[4].equals(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
