package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.Json;
import io.jpod.common.JpodException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
  @TempDir Path tmp;
  Store store;
  ImageStore images;

  @BeforeEach
  void open() {
    store = Store.open(tmp.resolve("graph"), tmp.resolve("run"));
    images = store.images();
  }

  private Image importTar(byte[] tar, String name, String... changes) {
    return images.importRootfs(new ByteArrayInputStream(tar), Optional.ofNullable(name),
        new ImportOptions(List.of(changes), "imported", null, null));
  }

  @Test
  void openingTouchesNothing() {
    assertThat(tmp.resolve("graph")).doesNotExist();
    assertThat(images.list()).isEmpty();
  }

  @Test
  void importWritesTheContainersStorageLayout() throws Exception {
    byte[] tar = new Tars().file("etc/hello", "hi").bytes();
    Image img = importTar(tar, "busybox", "CMD [\"sh\"]", "ENV A=1");
    Digest diffId = Digest.of(tar);

    assertThat(img.names()).containsExactly("localhost/busybox:latest");
    assertThat(img.topLayer()).isEqualTo(diffId.hex());
    assertThat(img.size()).isEqualTo(tar.length);
    Path graph = store.graphRoot();
    assertThat(Files.readString(graph.resolve("overlay/" + diffId.hex() + "/diff/etc/hello"))).isEqualTo("hi");
    String link = Files.readString(graph.resolve("overlay/" + diffId.hex() + "/link"));
    assertThat(link).matches("[A-Z2-7]{26}");
    assertThat(Files.readSymbolicLink(graph.resolve("overlay/l/" + link)))
        .isEqualTo(Path.of("../" + diffId.hex() + "/diff"));

    byte[] configBytes = Files.readAllBytes(graph.resolve("overlay-images/" + img.id() + "/"
        + BigData.fileName("sha256:" + img.id())));
    assertThat(Digest.of(configBytes).hex()).isEqualTo(img.id());
    byte[] manifest = Files.readAllBytes(graph.resolve("overlay-images/" + img.id() + "/manifest"));
    assertThat(img.digest()).isEqualTo(Digest.of(manifest).toString());

    ImageConfig config = images.config(img.id());
    assertThat(config.rootfs().diffIds()).containsExactly(diffId.toString());
    assertThat(config.config().cmd()).containsExactly("sh");
    assertThat(config.config().env()).containsExactly("A=1");
    assertThat(config.history().getFirst().comment()).isEqualTo("imported");
    assertThat(config.os()).isEqualTo("linux");
    assertThat(images.manifest(img.id()).config().digest()).isEqualTo("sha256:" + img.id());

    JsonNode imagesJson = Json.newMapper().readTree(graph.resolve("overlay-images/images.json").toFile());
    assertThat(imagesJson.get(0).get("layer").asText()).isEqualTo(diffId.hex());
    assertThat(imagesJson.get(0).get("big-data-names")).hasSize(3);
    JsonNode layersJson = Json.newMapper().readTree(graph.resolve("overlay-layers/layers.json").toFile());
    assertThat(layersJson.get(0).get("diff-digest").asText()).isEqualTo(diffId.toString());
    assertThat(layersJson.get(0).get("diff-size").asLong()).isEqualTo(tar.length);
    assertThat(graph.resolve("overlay-images/images.lock")).exists();
    assertThat(images.layerChain(img.id())).containsExactly(diffId.hex());
  }

  @Test
  void lookupAcceptsIdsPrefixesAndNames() {
    Image img = importTar(new Tars().file("a", "1").bytes(), "foo:1");
    for (String ref : List.of(img.id(), "sha256:" + img.id(), img.id().substring(0, 5), "foo:1",
        "localhost/foo:1")) {
      assertThat(images.lookup(ref).id()).as(ref).isEqualTo(img.id());
    }
    assertThatThrownBy(() -> images.lookup("foo")).isInstanceOf(JpodException.class)
        .hasMessage("foo: image not known")
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
  }

  @Test
  void reimportMovesTheNameAndTagUntagWork() {
    Image first = importTar(new Tars().file("a", "1").bytes(), "busybox");
    Image second = importTar(new Tars().file("a", "2").bytes(), "busybox");
    assertThat(images.lookup("busybox").id()).isEqualTo(second.id());
    assertThat(images.lookup(first.id()).names()).isEmpty();

    images.tag(first.id(), "quay.io/x/y");
    assertThat(images.lookup("quay.io/x/y:latest").id()).isEqualTo(first.id());
    images.tag(first.id(), "busybox");
    assertThat(images.lookup(second.id()).names()).isEmpty();
    images.untag(first.id(), "busybox");
    assertThat(images.lookup(first.id()).names()).containsExactly("quay.io/x/y:latest");
    assertThatThrownBy(() -> images.untag(first.id(), "busybox")).isInstanceOf(JpodException.class);
  }

  @Test
  void removeRefusesWhileAContainerUsesTheImageAndDropsUnsharedLayers() {
    byte[] tar = new Tars().file("a", "1").bytes();
    Image img = importTar(tar, "one");
    Image same = importTar(tar, "two", "CMD [\"x\"]"); // other config, same layer
    assertThat(same.id()).isNotEqualTo(img.id());
    String ctr = "c".repeat(64);
    store.containers().create(ctr, "ctr", img.id());

    assertThatThrownBy(() -> images.remove(img.id())).isInstanceOf(JpodException.class)
        .extracting(e -> ((JpodException) e).kind()).isEqualTo(ErrorKind.CONFLICT);
    store.containers().remove(ctr);
    images.remove(img.id());
    assertThat(store.layers().get(img.topLayer())).isPresent(); // still used by "two"
    images.remove("two");
    assertThat(store.layers().list()).isEmpty();
    assertThat(images.list()).isEmpty();
    assertThat(store.graphRoot().resolve("overlay/" + img.topLayer())).doesNotExist();
  }

  @Test
  void aSecondStoreSeesChangesOfTheFirst() {
    Store other = Store.open(tmp.resolve("graph"), tmp.resolve("run"));
    assertThat(other.images().list()).isEmpty();
    Image img = importTar(new Tars().file("a", "1").bytes(), "shared");
    assertThat(other.images().lookup("shared").id()).isEqualTo(img.id());
    other.images().tag(img.id(), "again");
    assertThat(images.lookup("again").id()).isEqualTo(img.id());
  }

  @Test
  void badTarLeavesNoLayerBehind() {
    byte[] evil = new Tars().file("../evil", "x").bytes();
    assertThatThrownBy(() -> importTar(evil, "evil")).isInstanceOf(JpodException.class);
    assertThat(store.layers().list()).isEmpty();
    assertThat(images.list()).isEmpty();
    assertThat(tmp.resolve("graph/evil")).doesNotExist();
  }
}
