package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code volume mount}, {@code volume unmount} and {@code volume reload} as podman 4.3.1 has them: a plain
 * local volume is only its {@code _data} directory (printed, never counted); a volume with driver
 * options is mounted by the first mount, counted per mount, and unmounted by the last unmount, also
 * alongside a container that uses it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class VolumeMountIT extends JpodTestBase {

  @Test
  void mountUnmountAndReloadAsPodman() throws IOException {
    String plain = uniqueName("plain");
    assertThat(jpod("volume", "create", plain)).exitsCleanly();
    Path plainData = jpod.root().resolve("volumes").resolve(plain).resolve("_data");
    assertThat(jpod("volume", "mount", plain)).exitsCleanly().stdoutIs(plainData.toString());
    assertThat(inspectVolume(plain, "{{.MountCount}}")).isEqualTo("0");
    assertThat(jpod("volume", "unmount", plain)).exitsCleanly().stdoutIs(plain);

    String tmp = uniqueName("tmpvol");
    assertThat(jpod("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=nodev", tmp))
        .exitsCleanly();
    Path data = jpod.root().resolve("volumes").resolve(tmp).resolve("_data");
    assertThat(jpod("volume", "mount", tmp)).exitsCleanly().stdoutIs(data.toString());
    assertThat(mounted(data)).isTrue();
    assertThat(jpod("volume", "mount", tmp)).exitsCleanly().stdoutIs(data.toString());
    assertThat(inspectVolume(tmp, "{{.MountCount}}")).isEqualTo("2");
    Files.writeString(data.resolve("f"), "seen");
    // A container joins the mounted filesystem and leaves it mounted for the manual holders.
    assertThat(jpod("run", "--rm", "-v", tmp + ":/v", "busybox", "cat", "/v/f")).exitsCleanly().stdoutIs("seen");
    assertThat(inspectVolume(tmp, "{{.MountCount}}")).isEqualTo("2");
    assertThat(jpod("volume", "unmount", tmp)).exitsCleanly().stdoutIs(tmp);
    assertThat(mounted(data)).isTrue();
    assertThat(jpod("volume", "unmount", tmp)).exitsCleanly().stdoutIs(tmp);
    assertThat(inspectVolume(tmp, "{{.MountCount}}")).isEqualTo("0");
    assertThat(mounted(data)).isFalse();
    assertThat(jpod("volume", "unmount", tmp)).exitsCleanly().stdoutIs(tmp);

    assertThat(jpod("volume", "mount", "no-such-volume")).exitedWith(125).singleErrorLine()
        .stderrIs("Error: no volume with name \"no-such-volume\" found: no such volume");
    assertThat(jpod("volume", "unmount", "no-such-volume")).exitedWith(125)
        .stderrIs("Error: no volume with name \"no-such-volume\" found: no such volume");
    assertThat(jpod("volume", "mount", plain, tmp)).exitedWith(125).stderrIs("Error: accepts 1 arg(s), received 2");
    assertThat(jpod("volume", "unmount")).exitedWith(125).stderrIs("Error: accepts 1 arg(s), received 0");
    assertThat(jpod("volume", "reload")).exitsCleanly().stdoutIs("");
    assertThat(jpod("volume", "reload", "x")).exitedWith(125);
    assertThat(jpod("volume", "rm", plain, tmp)).exitsCleanly();
  }

  private String inspectVolume(String name, String format) {
    return jpod("volume", "inspect", "--format", format, name).out();
  }

  private static boolean mounted(Path dir) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .anyMatch(l -> l.split(" ")[4].equals(dir.toString()));
  }
}
