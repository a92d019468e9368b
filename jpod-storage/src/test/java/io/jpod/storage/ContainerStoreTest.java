package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpod.common.JpodException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerStoreTest {
  private static final String CTR = "1d".repeat(32);

  @TempDir Path tmp;
  Store store;
  Image image;

  @BeforeEach
  void setUp() {
    store = Store.open(tmp.resolve("graph"), tmp.resolve("run"));
    image = store.images().importRootfs(
        new ByteArrayInputStream(new Tars().file("etc/hello", "from image").bytes()),
        Optional.of("tiny"), ImportOptions.defaults());
  }

  @AfterEach
  void cleanUp() {
    // Never leave a mount behind, even when an assertion failed half way.
    try {
      store.containers().unmount(CTR, true);
    } catch (RuntimeException ignored) {
      // not created or already gone
    }
  }

  @Test
  void createLaysOutLayerAndUserdata() throws Exception {
    ContainerLayer c = store.containers().create(CTR, "t1", image.id());
    Path overlay = store.graphRoot().resolve("overlay");
    String imageLink = Files.readString(overlay.resolve(image.topLayer()).resolve("link"));
    assertThat(Files.readString(overlay.resolve(c.layerId()).resolve("lower"))).isEqualTo("l/" + imageLink);
    assertThat(c.diffDir()).isDirectory();
    assertThat(c.workDir()).isDirectory();
    assertThat(c.mergedDir()).isDirectory();
    assertThat(store.containers().userdataDir(CTR))
        .isEqualTo(store.graphRoot().resolve("overlay-containers/" + CTR + "/userdata")).isDirectory();
    assertThat(store.containers().runUserdataDir(CTR))
        .isEqualTo(store.runRoot().resolve("overlay-containers/" + CTR + "/userdata")).isDirectory();
    assertThat(store.containers().containersUsingImage(image.id())).containsExactly(CTR);
    assertThat(store.layers().get(c.layerId()).orElseThrow().names()).containsExactly("t1-layer");
    assertThat(store.layers().get(c.layerId()).orElseThrow().parent()).isEqualTo(image.topLayer());
    assertThatThrownBy(() -> store.containers().create("2e".repeat(32), "t1", image.id()))
        .isInstanceOf(JpodException.class).hasMessageContaining("already in use");
  }

  @Test
  void overlayMountSharesOneMountAndCleansUp() throws Exception {
    assumeTrue(Files.readString(Path.of("/proc/filesystems")).contains("overlay"), "no overlayfs");
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    ContainerLayer c = store.containers().create(CTR, "t1", image.id());
    Path merged = store.containers().mount(CTR);
    assertThat(merged).isEqualTo(c.mergedDir());
    assertThat(Files.readString(merged.resolve("etc/hello"))).isEqualTo("from image");
    Files.writeString(merged.resolve("new.txt"), "written in container");
    assertThat(Files.readString(c.diffDir().resolve("new.txt"))).isEqualTo("written in container");
    assertThat(store.layers().diffDir(image.topLayer()).resolve("new.txt")).doesNotExist();

    Store otherProcess = Store.open(tmp.resolve("graph"), tmp.resolve("run"));
    otherProcess.containers().mount(CTR);
    assertThat(store.containers().mountCount(CTR)).isEqualTo(2);
    assertThat(mountinfo()).containsOnlyOnce(merged.toString());
    store.containers().unmount(CTR, false);
    assertThat(mountinfo()).contains(merged.toString());
    otherProcess.containers().unmount(CTR, false);
    assertThat(mountinfo()).doesNotContain(merged.toString());
    store.containers().unmount(CTR, false); // not mounted any more: tolerated

    store.containers().mount(CTR, true);
    store.containers().remove(CTR);
    assertThat(mountinfo()).doesNotContain(merged.toString());
    assertThat(store.graphRoot().resolve("overlay/" + c.layerId())).doesNotExist();
    assertThat(store.graphRoot().resolve("overlay-containers/" + CTR)).doesNotExist();
    assertThat(store.runRoot().resolve("overlay-containers/" + CTR)).doesNotExist();
    assertThat(store.containers().list()).isEmpty();
    assertThat(store.layers().list()).extracting(LayerRecord::id).containsExactly(image.topLayer());
    try (var links = Files.list(store.graphRoot().resolve("overlay/l"))) {
      assertThat(links.toList()).hasSize(1);
    }
    store.images().remove(image.id());
    try (var left = Files.list(store.graphRoot().resolve("overlay"))) {
      assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("l", "staging");
    }
  }

  private static String mountinfo() throws Exception {
    return String.join("\n", Files.readAllLines(Path.of("/proc/self/mountinfo")));
  }

  @Test
  void unknownContainer() {
    assertThatThrownBy(() -> store.containers().mount("ab".repeat(32)))
        .isInstanceOf(JpodException.class).hasMessageContaining("container not known");
    assertThat(List.of()).isEmpty();
  }
}
