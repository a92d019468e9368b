package io.jpod.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.Json;
import io.jpod.common.JpodException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staged, parallel layer creation as the pull pipeline uses it, and image digests. */
class LayerStagingTest {
  @TempDir Path tmp;
  Store store;
  LayerStore layers;

  @BeforeEach
  void setUp() {
    store = Store.open(tmp.resolve("graph"), tmp.resolve("run"));
    layers = store.layers();
  }

  private Path staging() {
    return store.graphRoot().resolve("overlay/staging");
  }

  private List<String> stagingDirs() throws Exception {
    if (!Files.exists(staging())) {
      return List.of();
    }
    try (var s = Files.list(staging())) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void layersStagedInParallelAreCommittedInOrder() throws Exception {
    List<byte[]> tars = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Tars t = new Tars().file("layer" + i + "/file", "content " + i);
      t.bytes("layer" + i + "/big", new byte[200_000 + i], 0644);
      tars.add(i % 2 == 0 ? Tars.gzip(t.bytes()) : Tars.zstd(t.bytes()));
    }
    List<StagedLayer> staged = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
      List<Future<StagedLayer>> futures = new ArrayList<>();
      for (byte[] blob : tars) {
        futures.add(pool.submit(() -> layers.stage(new ByteArrayInputStream(blob))));
      }
      for (Future<StagedLayer> f : futures) {
        staged.add(f.get());
      }
    }
    assertThat(stagingDirs()).hasSize(6);
    String parent = null;
    for (int i = 0; i < staged.size(); i++) {
      StagedLayer s = staged.get(i);
      assertThat(s.compressedDigest()).isEqualTo(Digest.of(tars.get(i)));
      assertThat(s.compression()).isEqualTo(i % 2 == 0 ? Compression.GZIP : Compression.ZSTD);
      LayerRecord l = layers.commitStaged(s, parent);
      String expectedId = parent == null ? s.diffDigest().hex()
          : Digest.of((parent + "+" + s.diffDigest().hex()).getBytes(StandardCharsets.UTF_8)).hex();
      assertThat(l.id()).isEqualTo(expectedId);
      assertThat(l.parent()).isEqualTo(parent);
      assertThat(l.compressedDiffDigest()).isEqualTo(s.compressedDigest().toString());
      assertThat(Files.readString(layers.diffDir(l.id()).resolve("layer" + i + "/file")))
          .isEqualTo("content " + i);
      assertThat(store.graphRoot().resolve("overlay-layers/" + l.id() + ".tar-split.gz")).exists();
      assertThat(layers.layerDir(l.id()).resolve("owner")).doesNotExist();
      parent = l.id();
    }
    assertThat(stagingDirs()).isEmpty();
    assertThat(layers.chain(parent)).hasSize(6);
    assertThat(layers.lowerDirs(parent)).hasSize(5);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    layers.writeLayerTar(parent, out);
    assertThat(Digest.of(out.toByteArray()).toString()).isEqualTo(layers.get(parent).orElseThrow().diffDigest());
  }

  @Test
  void anIdenticalLayerIsReusedAndTheStagingDropped() throws Exception {
    byte[] tar = new Tars().file("a", "same").bytes();
    LayerRecord first = layers.commitStaged(layers.stage(new ByteArrayInputStream(tar)), null);
    StagedLayer again = layers.stage(new ByteArrayInputStream(Tars.gzip(tar)));
    assertThat(again.diffDigest().toString()).isEqualTo(first.diffDigest());
    LayerRecord second = layers.commitStaged(again, null);
    assertThat(second).isEqualTo(first);
    assertThat(again.dir()).doesNotExist();
    assertThat(layers.list()).hasSize(1);
  }

  @Test
  void discardAndFindByDigests() throws Exception {
    byte[] tar = new Tars().file("a", "x").bytes();
    byte[] gz = Tars.gzip(tar);
    StagedLayer dropped = layers.stage(new ByteArrayInputStream(new Tars().file("b", "y").bytes()));
    layers.discard(dropped);
    assertThat(dropped.dir()).doesNotExist();

    LayerRecord l = layers.createFromTar(new ByteArrayInputStream(gz), null);
    assertThat(layers.findByCompressedDigest(Digest.of(gz).toString())).contains(l);
    assertThat(layers.findByDiffDigest(Digest.of(tar).toString())).contains(l);
    assertThat(layers.findByCompressedDigest(Digest.of(tar).toString())).isEmpty();
    assertThat(layers.findByDiffDigest(Digest.of(gz).toString())).isEmpty();
  }

  @Test
  void committingOnAnUnknownParentFails() throws Exception {
    StagedLayer s = layers.stage(new ByteArrayInputStream(new Tars().file("a", "x").bytes()));
    assertThatThrownBy(() -> layers.commitStaged(s, "f".repeat(64))).isInstanceOf(JpodException.class)
        .hasMessageContaining("layer not known");
    assertThat(s.dir()).exists(); // still the caller's to commit elsewhere or discard
    layers.discard(s);
  }

  @Test
  void aFailedStageLeavesNothingBehind() throws Exception {
    byte[] evil = new Tars().file("ok", "fine").file("../../evil", "x").bytes();
    assertThatThrownBy(() -> layers.stage(new ByteArrayInputStream(evil))).isInstanceOf(JpodException.class);
    assertThat(stagingDirs()).isEmpty();
  }

  @Test
  void staleStagingDirsAreSweptLiveOnesKept() throws Exception {
    Files.createDirectories(staging());
    Path deadOwner = Files.createDirectories(staging().resolve("dead/diff"));
    Files.writeString(deadOwner.getParent().resolve("owner"), "2147483646 12345\n");
    ProcessHandle self = ProcessHandle.current();
    long start = self.info().startInstant().orElseThrow().toEpochMilli();
    Path live = Files.createDirectories(staging().resolve("live/diff"));
    Files.writeString(live.getParent().resolve("owner"), self.pid() + " " + start + "\n");
    Path reused = Files.createDirectories(staging().resolve("reused/diff"));
    Files.writeString(reused.getParent().resolve("owner"), self.pid() + " " + (start - 60_000) + "\n");
    Path oldAnonymous = Files.createDirectories(staging().resolve("old/diff"));
    Files.setLastModifiedTime(oldAnonymous.getParent(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Files.createDirectories(staging().resolve("young/diff"));

    layers.createFromTar(new ByteArrayInputStream(new Tars().file("a", "x").bytes()), null);
    assertThat(stagingDirs()).containsExactlyInAnyOrder("live", "young");
  }

  @Test
  void imagesKeepTheirManifestDigests() throws Exception {
    LayerRecord l = layers.createFromTar(new ByteArrayInputStream(new Tars().file("a", "x").bytes()), null);
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[\"" + l.diffDigest() + "\"]}}").getBytes(StandardCharsets.UTF_8);
    byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    String index = Digest.of("index".getBytes(StandardCharsets.UTF_8)).toString();
    Image img = store.images().addImage(config, manifest, l.id(), List.of("quay.io/a/b:1"), List.of(index));
    assertThat(img.digest()).isEqualTo(Digest.of(manifest).toString());
    assertThat(img.digests()).containsExactly(Digest.of(manifest).toString(), index);

    byte[] manifest2 = "{\"schemaVersion\":2,\"x\":1}".getBytes(StandardCharsets.UTF_8);
    Image again = store.images().addImage(config, manifest2, l.id(), List.of("docker.io/a/b:1"));
    assertThat(again.id()).isEqualTo(img.id());
    assertThat(again.names()).containsExactly("quay.io/a/b:1", "docker.io/a/b:1");
    assertThat(again.digests()).containsExactly(Digest.of(manifest2).toString(), Digest.of(manifest).toString(),
        index);
    JsonNode json = Json.newMapper().readTree(store.graphRoot().resolve("overlay-images/images.json").toFile());
    assertThat(json.get(0).get("digests")).hasSize(3);
    assertThat(json.get(0).get("big-data-names")).hasSize(4); // config, manifest, two manifest-sha256:…
    assertThatThrownBy(() -> store.images().addImage(config, manifest, l.id(), List.of(), List.of("bogus")))
        .isInstanceOf(JpodException.class);
  }
}
