package io.jpod.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpod.sys.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named network namespaces in a directory of the test's own (needs root, as jpod does). */
class NetnsManagerTest {
  @TempDir Path tmp;

  @AfterEach
  void unmountDir() {
    try {
      Mount.unmount(tmp.resolve("netns").toString(), Mount.MNT_DETACH);
    } catch (RuntimeException e) {
      // not mounted
    }
  }

  @Test
  void theDirectoryBecomesASharedMountPointSoLaterBindsCannotHideTheNamespaces() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    Path dir = tmp.resolve("netns");
    NetnsManager netns = new NetnsManager(dir);
    Path first = netns.create();
    assertThat(mountLine(dir)).as("mountinfo entry of " + dir).contains("shared:");
    assertThat(mountLine(first)).as("the namespace mount").contains("nsfs");
    // what podman or ip netns do next: make the directory shared; a mount point already, nothing hides
    Mount.mount("", dir.toString(), "none", Mount.MS_SHARED | Mount.MS_REC, null);
    Path second = netns.create();
    netns.remove(first);
    netns.remove(second);
    assertThat(first).doesNotExist();
    assertThat(second).doesNotExist();
    assertThat(mountLine(first)).isEmpty();
  }

  private static String mountLine(Path p) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
    return lines.stream().filter(l -> l.split(" ")[4].equals(p.toString())).findFirst().orElse("");
  }
}
