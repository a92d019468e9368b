package io.jpod.it;

import static io.jpod.it.CliResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code pod create --shm-size}: the infra container's /dev/shm has that size and the members sharing
 * its IPC namespace use the same /dev/shm (a file one writes the other reads), as in podman; a pod that
 * does not share ipc leaves its members their own shm.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PodShmIT extends JpodTestBase {

  @AfterEach
  void removePods() {
    jpod("pod", "rm", "-af", "-t", "0");
  }

  @Test
  void podShmSizeIsTheInfraShmAndMembersShareIt() throws IOException {
    String pod = uniqueName("shm");
    assertThat(jpod("pod", "create", "--name", pod, "--shm-size", "70m")).exitsCleanly();
    String infra = jpod("pod", "inspect", "--format", "{{.InfraContainerID}}", pod).out();
    assertThat(inspect(infra, "{{.HostConfig.ShmSize}}")).isEqualTo("73400320");
    String writer = uniqueName("writer");
    assertThat(jpod("run", "-d", "--pod", pod, "--name", writer, "busybox", "sh", "-c",
        "echo shared > /dev/shm/token; sleep 300")).exitsCleanly();
    assertThat(waitFor(java.time.Duration.ofSeconds(20),
        () -> jpod("exec", writer, "test", "-f", "/dev/shm/token").exitCode() == 0)).isTrue();
    assertThat(jpod("run", "--rm", "--pod", pod, "busybox", "sh", "-c", "cat /dev/shm/token; df -k /dev/shm | tail -1"))
        .exitsCleanly().stdoutContains("shared", " 71680 ");
    Path shmDir = mountedShm(infra);
    assertThat(shmDir).isNotNull();
    assertThat(jpod("pod", "stop", "-t", "0", pod)).exitsCleanly();
    assertThat(mountedShm(infra)).isNull();

    String own = uniqueName("own");
    assertThat(jpod("pod", "create", "--name", own, "--shm-size", "70m", "--share", "net")).exitsCleanly();
    assertThat(jpod("run", "--rm", "--pod", own, "busybox", "sh", "-c", "df -k /dev/shm | tail -1"))
        .exitsCleanly().stdoutContains(" 64000 "); // the default, 65536000 bytes as podman reads 65536k

    assertThat(jpod("pod", "create", "--name", uniqueName("bad"), "--shm-size", "bad")).exitedWith(125)
        .stderrIs("Error: unable to translate --shm-size: invalid size: 'bad'");
    assertThat(jpod("pod", "ps", "-q", "--filter", "name=bad")).exitsCleanly().stdoutIs("");
  }

  /** The infra container's host-side shm mount, or null. */
  private static Path mountedShm(String infraId) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .map(l -> l.split(" ")[4])
        .filter(p -> p.contains(infraId) && p.endsWith("/shm"))
        .map(Path::of).findFirst().orElse(null);
  }
}
