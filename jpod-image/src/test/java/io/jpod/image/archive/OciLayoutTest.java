package io.jpod.image.archive;

import io.jpod.image.transport.MediaTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.LayerCompression;
import io.jpod.storage.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir Path tmp;

  private final byte[] base = TestImages.layer("etc/base", "base layer");
  private final byte[] app = TestImages.layer("app/run", "app layer");

  private ImageSource handMade(String ref, List<byte[]> blobs, List<byte[]> diffs) throws IOException {
    Path dir = tmp.resolve("hand-" + ref);
    TestImages.ociLayout(dir, ref, TestImages.config(diffs, "run " + ref), blobs);
    return OciLayoutReader.openDirectory(dir).source(ref);
  }

  @Test
  void layoutRoundTripGzipByDefaultAndIndexEntriesAsSkopeo() throws Exception {
    Path dir = tmp.resolve("layout");
    OciLayoutWriter w = new OciLayoutWriter(dir, LayerCompression.GZIP);
    try (ImageDestination d = w.addImage("v1")) {
      TestImages.copy(handMade("a", List.of(base, app), List.of(base, app)), d);
    }
    assertThat(Files.readString(dir.resolve("oci-layout"))).isEqualTo("{\"imageLayoutVersion\": \"1.0.0\"}");
    try (OciLayoutReader r = OciLayoutReader.openDirectory(dir)) {
      ImageSource s = r.source("v1");
      assertThat(s.names()).containsExactly("v1");
      JsonNode m = Json.mapper().readTree(s.manifest().bytes());
      assertThat(s.manifest().mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(m.path("layers").get(0).path("mediaType").asText()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
      Map<String, byte[]> blobs = TestImages.readAll(s);
      byte[] layer0 = blobs.get(m.path("layers").get(0).path("digest").asText());
      assertThat(TestImages.gunzip(layer0)).isEqualTo(base);
    }

    // same image again under the same name: nothing changes
    String before = Files.readString(dir.resolve("index.json"));
    try (ImageDestination d = w.addImage("v1")) {
      TestImages.copy(OciLayoutReader.openDirectory(dir).source("v1"), d);
    }
    assertThat(Files.readString(dir.resolve("index.json"))).isEqualTo(before);

    // another image under the same name: the old entry stays, unnamed
    try (ImageDestination d = w.addImage("v1")) {
      TestImages.copy(handMade("b", List.of(app), List.of(app)), d);
    }
    JsonNode index = Json.mapper().readTree(dir.resolve("index.json").toFile());
    assertThat(index.path("manifests")).hasSize(2);
    assertThat(index.path("manifests").get(0).has("annotations")).isFalse();
    assertThat(index.path("manifests").get(1).path("annotations").path(OciDescriptor.REF_NAME).asText())
        .isEqualTo("v1");
    try (OciLayoutReader r = OciLayoutReader.openDirectory(dir)) {
      assertThatThrownBy(() -> r.source(null, Platform.host())).isInstanceOf(JpodException.class)
          .hasMessageContaining("holds 2 images; choose one by name (names: v1)");
      assertThatThrownBy(() -> r.source("v2")).hasMessageContaining("no image named \"v2\" (names: v1)");
    }
  }

  @Test
  void uncompressedLayoutReusesBlobsAndDropsBlobsOfAbortedImages() throws Exception {
    Path dir = tmp.resolve("plain");
    OciLayoutWriter w = new OciLayoutWriter(dir, LayerCompression.UNCOMPRESSED);
    try (ImageDestination d = w.addImage("one")) {
      TestImages.copy(handMade("p", List.of(TestImages.gzip(base)), List.of(base)), d);
    }
    assertThat(dir.resolve("blobs/sha256/" + Digest.of(base).hex())).hasBinaryContent(base);
    try (ImageDestination d = w.addImage("two")) {
      BlobInfo reused = d.tryReuseLayer(0, new BlobInfo(null, null, -1), Digest.of(base).toString());
      assertThat(reused).isEqualTo(new BlobInfo(MediaTypes.OCI_LAYER, Digest.of(base).toString(), base.length));
      BlobInfo put = d.putLayer(1, new ByteArrayInputStream(app), new BlobInfo(null, null, -1),
          Digest.of(app).toString());
      assertThat(put.mediaType()).isEqualTo(MediaTypes.OCI_LAYER);
      // closed without commit
    }
    assertThat(dir.resolve("blobs/sha256/" + Digest.of(app).hex())).doesNotExist();
    assertThat(dir.resolve("blobs/sha256/" + Digest.of(base).hex())).exists();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("blobs", "index.json",
          "oci-layout");
    }
  }

  @Test
  void nestedIndexPicksThePlatform() throws Exception {
    Path dir = tmp.resolve("multi");
    Digest amd = TestImages.ociLayout(dir, "x", TestImages.config(List.of(base), "amd"), List.of(base));
    byte[] amdManifest = Files.readAllBytes(dir.resolve("blobs/sha256/" + amd.hex()));
    ObjectNode idx = Json.mapper().createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
    ArrayNode ms = idx.putArray("manifests");
    ms.addObject().put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", "sha256:" + "0".repeat(64))
        .put("size", 10).putObject("platform").put("os", "linux").put("architecture", "s390x");
    ObjectNode e = ms.addObject().put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", amd.toString())
        .put("size", amdManifest.length);
    e.putObject("platform").put("os", "linux").put("architecture", "amd64");
    byte[] index = Json.mapper().writeValueAsBytes(idx);
    Files.write(dir.resolve("blobs/sha256/" + Digest.of(index).hex()), index);
    ObjectNode top = Json.mapper().createObjectNode().put("schemaVersion", 2);
    top.putArray("manifests").addObject().put("mediaType", MediaTypes.OCI_INDEX)
        .put("digest", Digest.of(index).toString()).put("size", index.length)
        .putObject("annotations").put(OciDescriptor.REF_NAME, "multi");
    Files.write(dir.resolve("index.json"), Json.mapper().writeValueAsBytes(top));

    try (OciLayoutReader r = OciLayoutReader.openDirectory(dir)) {
      ImageSource s = r.source("multi", new Platform("amd64", "linux", null));
      assertThat(s.manifest().bytes()).isEqualTo(amdManifest);
      assertThat(s.indexDigest()).isEqualTo(Digest.of(index).toString());
      assertThatThrownBy(() -> r.source("multi", new Platform("arm64", "linux", "v8")).manifest())
          .isInstanceOf(JpodException.class)
          .hasMessageContaining("no image for linux/arm64/v8").hasMessageContaining("linux/s390x, linux/amd64");
    }
  }

  @Test
  void corruptLayoutsFailNamingTheFile() throws Exception {
    Path dir = tmp.resolve("bad");
    Digest manifest = TestImages.ociLayout(dir, "t", TestImages.config(List.of(base), "x"), List.of(base));
    // a layer blob that does not match its digest
    Files.write(dir.resolve("blobs/sha256/" + Digest.of(base).hex()), app);
    try (OciLayoutReader r = OciLayoutReader.openDirectory(dir)) {
      ImageSource s = r.source("t");
      assertThatThrownBy(() -> TestImages.readAll(s)).isInstanceOf(JpodException.class)
          .hasMessageContaining("digest mismatch").hasMessageContaining(Digest.of(base).hex());
    }
    // a manifest with an unsupported media type
    Path artifact = tmp.resolve("artifact");
    TestImages.ociLayout(artifact, "t", TestImages.config(List.of(base), "x"), List.of(base));
    String idx = Files.readString(artifact.resolve("index.json")).replace(MediaTypes.OCI_MANIFEST,
        "application/vnd.docker.distribution.manifest.v1+prettyjws");
    Files.writeString(artifact.resolve("index.json"), idx);
    try (OciLayoutReader r = OciLayoutReader.openDirectory(artifact)) {
      assertThatThrownBy(() -> r.source("t").manifest())
          .hasMessageContaining("unsupported media type application/vnd.docker.distribution.manifest.v1+prettyjws");
    }
    // a manifest blob that was tampered with
    Files.writeString(dir.resolve("blobs/sha256/" + manifest.hex()), "{}");
    try (OciLayoutReader r = OciLayoutReader.openDirectory(dir)) {
      assertThatThrownBy(() -> r.source("t").manifest()).hasMessageContaining("blobs/sha256/" + manifest.hex());
    }
    Files.delete(dir.resolve("oci-layout"));
    assertThatThrownBy(() -> OciLayoutReader.openDirectory(dir)).hasMessageContaining("oci-layout is missing");
    assertThatThrownBy(() -> new OciLayoutWriter(dir, LayerCompression.GZIP).addImage("bad name"))
        .hasMessageContaining("invalid OCI reference name");
  }

  @Test
  void ociArchiveRoundTripIsDeterministic() throws Exception {
    byte[][] archives = new byte[2][];
    for (int i = 0; i < 2; i++) {
      Path file = tmp.resolve("img" + i + ".tar");
      try (ImageDestination d = OciArchiveWriter.singleImage(file, "v1", tmp.resolve("work"),
          LayerCompression.UNCOMPRESSED)) {
        TestImages.copy(handMade("arch" + i, List.of(TestImages.gzip(base), app), List.of(base, app)), d);
      }
      archives[i] = Files.readAllBytes(file);
      try (ArchiveFile a = ArchiveFile.open(file, tmp)) {
        assertThat(a.format()).isEqualTo(ArchiveFormat.OCI_ARCHIVE);
        try (OciLayoutReader r = OciLayoutReader.open(a)) {
          ImageSource s = r.source("v1");
          assertThat(TestImages.readAll(s).get(Digest.of(base).toString())).isEqualTo(base);
          assertThat(s.describe()).isEqualTo("oci-archive:" + file + ":v1");
        }
      }
      assertThat(TestImages.tarEntries(file).keySet()).startsWith("blobs/", "blobs/sha256/")
          .endsWith("index.json", "oci-layout");
    }
    assertThat(tmp.resolve("work")).isEmptyDirectory();
    // the configs differ ("run arch0" vs "run arch1"), so compare sizes of the common structure only
    assertThat(archives[0].length).isEqualTo(archives[1].length);
  }
}
