package io.jpod.image.archive;

import io.jpod.image.transport.MediaTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerArchiveTest {
  @TempDir Path tmp;

  private final byte[] base = TestImages.layer("etc/base", "base layer");
  private final byte[] app = TestImages.layer("app/run", "app layer");
  private final byte[] other = TestImages.layer("other/file", "other layer");

  /** Writes a hand-made OCI layout and opens it as a source. */
  private ImageSource ociSource(String name, byte[] config, List<byte[]> blobs) throws IOException {
    Path dir = tmp.resolve("src-" + name);
    TestImages.ociLayout(dir, "latest", config, blobs);
    return OciLayoutReader.openDirectory(dir).source("latest");
  }

  private Path writeTwoImages() throws IOException {
    Path file = tmp.resolve("two.tar");
    byte[] c1 = TestImages.config(List.of(base, app), "echo <one> & done");
    byte[] c2 = TestImages.config(List.of(base, other), "echo two");
    try (DockerArchiveWriter w = DockerArchiveWriter.create(file, tmp.resolve("spool"))) {
      try (ImageDestination d = w.addImage(List.of("busybox", "example.com/app:1"))) {
        TestImages.copy(ociSource("one", c1, List.of(TestImages.gzip(base), app)), d);
      }
      try (ImageDestination d = w.addImage(List.of("docker.io/library/other:2"))) {
        TestImages.copy(ociSource("two", c2, List.of(base, TestImages.gzip(other))), d);
      }
      w.finish();
    }
    return file;
  }

  @Test
  void multiImageRoundTripSharesLayersAndVerifiesDigests() throws Exception {
    Path file = writeTwoImages();
    Map<String, byte[]> entries = TestImages.tarEntries(file);
    // each layer once, uncompressed, named by DiffID
    assertThat(entries).containsKeys(Digest.of(base).hex() + ".tar", Digest.of(app).hex() + ".tar",
        Digest.of(other).hex() + ".tar", "manifest.json", "repositories");
    assertThat(entries.keySet().stream().filter(n -> n.equals(Digest.of(base).hex() + ".tar"))).hasSize(1);
    assertThat(entries.get(Digest.of(base).hex() + ".tar")).isEqualTo(base);
    assertThat(entries.keySet().stream().filter(n -> n.endsWith("/layer.tar"))).hasSize(3);
    assertThat(entries.keySet().stream().filter(n -> n.endsWith("/VERSION"))).hasSize(3);
    for (TarArchiveEntry e : TestImages.tarHeaders(file)) {
      assertThat(e.getLastModifiedDate().getTime()).isZero();
      if (e.isFile() && !e.isSymbolicLink()) {
        assertThat(e.getMode() & 07777).isEqualTo(0444);
      }
    }
    JsonNode repositories = Json.mapper().readTree(entries.get("repositories"));
    assertThat(repositories.fieldNames()).toIterable()
        .containsExactly("docker.io/library/other", "example.com/app", "localhost/busybox");

    try (DockerArchiveReader r = DockerArchiveReader.open(file, tmp)) {
      assertThat(r.items()).hasSize(2);
      assertThat(r.items().get(0).repoTags()).containsExactly("localhost/busybox:latest", "example.com/app:1");
      ImageSource one = r.source("busybox");
      assertThat(one.names()).containsExactly("localhost/busybox:latest", "example.com/app:1");
      JsonNode m = Json.mapper().readTree(one.manifest().bytes());
      assertThat(one.manifest().mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
      assertThat(m.path("layers").get(0).path("mediaType").asText()).isEqualTo(MediaTypes.DOCKER_LAYER_GZIP);
      assertThat(m.path("layers").get(0).path("digest").asText()).isEqualTo(Digest.of(base).toString());
      assertThat(m.path("layers").get(1).path("size").asLong()).isEqualTo(app.length);
      Map<String, byte[]> blobs = TestImages.readAll(one);
      assertThat(blobs.get(Digest.of(app).toString())).isEqualTo(app);
      ImageSource two = r.select("@1");
      assertThat(two.names()).containsExactly("docker.io/library/other:2");
      assertThat(TestImages.readAll(two).get(Digest.of(other).toString())).isEqualTo(other);
      assertThatThrownBy(() -> r.source((String) null)).hasMessageContaining("holds 2 images");
      assertThatThrownBy(() -> r.source("nope")).isInstanceOf(JpodException.class)
          .hasMessageContaining("no image named \"nope\"");
      assertThatThrownBy(() -> r.select("@2")).hasMessageContaining("no image @2 (the archive holds 2)");
    }
    try (ImageSource s = DockerArchiveReader.openSource(file, "example.com/app:1", tmp)) {
      assertThat(TestImages.readAll(s).get(Digest.of(base).toString())).isEqualTo(base);
    }
  }

  @Test
  void sameImageTwiceBecomesOneEntryWithBothNames() throws Exception {
    Path file = tmp.resolve("same.tar");
    byte[] c = TestImages.config(List.of(base), "x");
    try (DockerArchiveWriter w = DockerArchiveWriter.create(file, tmp.resolve("spool"))) {
      try (ImageDestination d = w.addImage(List.of("a:1"))) {
        TestImages.copy(ociSource("a", c, List.of(base)), d);
      }
      try (ImageDestination d = w.addImage(List.of("b:2"))) {
        TestImages.copy(ociSource("b", c, List.of(base)), d);
      }
      w.finish();
    }
    try (DockerArchiveReader r = DockerArchiveReader.open(file, tmp)) {
      assertThat(r.items()).singleElement().satisfies(i ->
          assertThat(i.repoTags()).containsExactly("localhost/a:1", "localhost/b:2"));
    }
  }

  @Test
  void uncommittedImageLeavesNothingAndUnfinishedArchiveNoFile() throws Exception {
    Path file = tmp.resolve("partial.tar");
    byte[] c = TestImages.config(List.of(base), "x");
    try (DockerArchiveWriter w = DockerArchiveWriter.create(file, tmp.resolve("spool"))) {
      ImageDestination d = w.addImage(List.of("a:1"));
      d.putConfig(c, null);
      d.putLayer(0, new ByteArrayInputStream(base), new BlobInfo(null, null, -1),
          Digest.of(base).toString());
      d.close();
      assertThat(tmp.resolve("spool")).isDirectory();
    }
    assertThat(file).doesNotExist();
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
    }
  }

  @Test
  void layersMayArriveInParallel() throws Exception {
    List<byte[]> layers = List.of(base, app, other);
    byte[] c = TestImages.config(layers, "x");
    Path file = tmp.resolve("parallel.tar");
    try (ImageDestination d = DockerArchiveWriter.singleImage(file, List.of("p:1"), tmp.resolve("spool"))) {
      d.putConfig(c, null);
      List<BlobInfo> put = IntStream.range(0, 3).parallel()
          .mapToObj(i -> {
            try {
              return d.putLayer(i, new ByteArrayInputStream(TestImages.gzip(layers.get(i))),
                  new BlobInfo(null, null, -1), Digest.of(layers.get(i)).toString());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }).toList();
      String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"digest\":\""
          + Digest.of(c) + "\"},\"layers\":[" + String.join(",", put.stream()
          .map(b -> "{\"digest\":\"" + b.digest() + "\"}").toList()) + "]}";
      d.putManifest(new RawManifest(manifest.getBytes(StandardCharsets.UTF_8), null));
      d.commit();
    }
    try (DockerArchiveReader r = DockerArchiveReader.open(file, tmp)) {
      Map<String, byte[]> blobs = TestImages.readAll(r.source((String) null));
      for (byte[] l : layers) {
        assertThat(blobs.get(Digest.of(l).toString())).isEqualTo(l);
      }
    }
  }

  @Test
  void putLayerRejectsDataThatDoesNotMatchItsDigest() throws Exception {
    try (DockerArchiveWriter w = DockerArchiveWriter.create(tmp.resolve("x.tar"), tmp.resolve("spool"));
        ImageDestination d = w.addImage(List.of())) {
      assertThatThrownBy(() -> d.putLayer(0, new ByteArrayInputStream(base),
          new BlobInfo(null, Digest.of(app).toString(), base.length), null))
          .isInstanceOf(JpodException.class).hasMessageContaining("digest mismatch");
      assertThatThrownBy(() -> d.putLayer(0, new ByteArrayInputStream(base),
          new BlobInfo(null, null, -1), Digest.of(app).toString()))
          .hasMessageContaining("digest mismatch");
    }
  }

  @Test
  void streamOutputAndStdinSpoolOfGzippedArchive() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] c = TestImages.config(List.of(base), "x");
    try (DockerArchiveWriter w = DockerArchiveWriter.create(out, tmp.resolve("spool"))) {
      try (ImageDestination d = w.addImage(List.of("s:1"))) {
        TestImages.copy(ociSource("s", c, List.of(base)), d);
      }
      w.finish();
    }
    byte[] gz = TestImages.gzip(out.toByteArray());
    try (ArchiveFile a = ArchiveFile.spool(new ByteArrayInputStream(gz), "stdin", tmp.resolve("spool2"))) {
      assertThat(a.format()).isEqualTo(ArchiveFormat.DOCKER_ARCHIVE);
      try (DockerArchiveReader r = DockerArchiveReader.open(a)) {
        assertThat(TestImages.readAll(r.source("s:1")).get(Digest.of(base).toString())).isEqualTo(base);
      }
    }
    assertThat(tmp.resolve("spool2")).isEmptyDirectory();
    byte[] cut = Arrays.copyOf(gz, gz.length - 20);
    assertThatThrownBy(() -> ArchiveFile.spool(new ByteArrayInputStream(cut), "stdin", tmp.resolve("spool2")))
        .isInstanceOf(JpodException.class).hasMessageStartingWith("stdin: cannot read archive");
    assertThat(tmp.resolve("spool2")).isEmptyDirectory();
    Path gzFile = tmp.resolve("a.tar.gz");
    Files.write(gzFile, gz);
    assertThat(ArchiveFormat.detect(gzFile, tmp.resolve("spool3"))).isEqualTo(ArchiveFormat.DOCKER_ARCHIVE);
  }

  /** A tar written by hand in the layout of docker 25+: blobs/sha256 paths, gzip layer, symlinked duplicate. */
  @Test
  void readsDockerStyleArchiveWithBlobPathsSymlinksAndGzipLayers() throws Exception {
    byte[] gzApp = TestImages.gzip(app);
    byte[] c = TestImages.config(List.of(base, app), "x");
    String manifest = "[{\"Config\":\"blobs/sha256/" + Digest.of(c).hex() + "\",\"RepoTags\":null,"
        + "\"Layers\":[\"blobs/sha256/" + Digest.of(base).hex() + "\",\"app/layer.tar\"]}]";
    String repositories = "{\"web\":{\"v1\":\"app\"}}";
    Path file = tmp.resolve("docker25.tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
      put(tar, "./blobs/sha256/" + Digest.of(base).hex(), base);
      put(tar, "blobs/sha256/" + Digest.of(gzApp).hex(), gzApp);
      put(tar, "blobs/sha256/" + Digest.of(c).hex(), c);
      TarArchiveEntry link = new TarArchiveEntry("app/layer.tar", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("../blobs/sha256/" + Digest.of(gzApp).hex());
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      put(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
      put(tar, "repositories", repositories.getBytes(StandardCharsets.UTF_8));
      put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    }
    try (ArchiveFile a = ArchiveFile.open(file, tmp)) {
      assertThat(a.format()).isEqualTo(ArchiveFormat.DOCKER_ARCHIVE);
      try (DockerArchiveReader r = DockerArchiveReader.open(a)) {
        ImageSource s = r.source("web:v1");
        assertThat(s.names()).containsExactly("web:v1");
        JsonNode m = Json.mapper().readTree(s.manifest().bytes());
        assertThat(m.path("layers").get(1).path("size").asLong()).isEqualTo(app.length);
        assertThat(TestImages.readAll(s).get(Digest.of(app).toString())).isEqualTo(app);
      }
    }
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  @Test
  void corruptArchivesFailWithOneLineNamingTheFile() throws Exception {
    Path good = writeTwoImages();
    byte[] bytes = Files.readAllBytes(good);

    Path truncated = tmp.resolve("truncated.tar");
    Files.write(truncated, Arrays.copyOf(bytes, 3000));
    assertThatThrownBy(() -> DockerArchiveReader.open(truncated, tmp)).isInstanceOf(JpodException.class)
        .hasMessageContaining(truncated.toString()).hasMessageContaining("truncated")
        .satisfies(e -> assertThat(((JpodException) e).kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT));
    Path cutHeader = tmp.resolve("cut-header.tar");
    Files.write(cutHeader, Arrays.copyOf(bytes, 512 + roundUp(base.length) + 200));
    assertThatThrownBy(() -> DockerArchiveReader.open(cutHeader, tmp)).hasMessageContaining("truncated");

    // flip a byte inside the first layer file: its digest no longer matches
    Path flipped = tmp.resolve("flipped.tar");
    byte[] copy = bytes.clone();
    copy[512 + 600] ^= 0x55;
    Files.write(flipped, copy);
    try (DockerArchiveReader r = DockerArchiveReader.open(flipped, tmp)) {
      ImageSource s = r.source(0);
      assertThatThrownBy(() -> TestImages.readAll(s)).isInstanceOf(JpodException.class)
          .hasMessageContaining(flipped.toString()).hasMessageContaining("digest mismatch");
    }

    Path noLayer = tmp.resolve("nolayer.tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(noLayer))) {
      byte[] c = TestImages.config(List.of(base), "x");
      put(tar, "c.json", c);
      put(tar, "manifest.json", "[{\"Config\":\"c.json\",\"RepoTags\":[\"a:1\"],\"Layers\":[\"missing.tar\"]}]"
          .getBytes(StandardCharsets.UTF_8));
    }
    try (DockerArchiveReader r = DockerArchiveReader.open(noLayer, tmp)) {
      assertThatThrownBy(() -> r.source(0).manifest()).isInstanceOf(JpodException.class)
          .hasMessage(noLayer + ": layer \"missing.tar\" is missing");
    }

    Path notTar = tmp.resolve("not.tar");
    Files.writeString(notTar, "hello, I am not a tar file at all, but long enough? ".repeat(20));
    assertThat(ArchiveFormat.detect(notTar, tmp)).isEqualTo(ArchiveFormat.UNKNOWN);
    assertThatThrownBy(() -> DockerArchiveReader.open(notTar, tmp)).hasMessage(notTar + " is not a tar archive");
  }

  private static int roundUp(int n) {
    return (n + 511) / 512 * 512;
  }

  @Test
  void legacyIdsAndJsonFollowContainersImage() {
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\", \"config\": {\"Cmd\": [\"a<b\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"created\":\"2024-01-01T00:00:00Z\"}")
        .getBytes(StandardCharsets.UTF_8);
    List<LegacyLayers.Layer> l = LegacyLayers.of(config, List.of(Digest.of(base), Digest.of(app)), "cfg");
    assertThat(l).hasSize(2);
    assertThat(new String(l.get(0).json(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"" + l.get(0).id() + "\"}");
    assertThat(new String(l.get(1).json(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"architecture\":\"amd64\",\"config\":{\"Cmd\":[\"a\\u003cb\"]},\"container\":null,"
            + "\"container_config\":null,\"created\":\"2024-01-01T00:00:00Z\",\"docker_version\":null,"
            + "\"id\":\"" + l.get(1).id() + "\",\"os\":\"linux\",\"parent\":\"" + l.get(0).id() + "\"}");
    // the root id hashes {"layer_id":"<diffid>"}
    assertThat(l.get(0).id()).isEqualTo(Digest.of(("{\"layer_id\":\"" + Digest.of(base) + "\"}")
        .getBytes(StandardCharsets.UTF_8)).hex());
  }

  @Test
  void goJsonCompactsAndEscapesLikeGo() {
    byte[] raw = "{ \"a\" : [1, 2.50e3 , \"x <y> & z \u2028\" ], \"b\\\"\": true }".getBytes(StandardCharsets.UTF_8);
    assertThat(new String(GoJson.compact(raw), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":[1,2.50e3,\"x \\u003cy\\u003e \\u0026 z \\u2028\"],\"b\\\"\":true}");
    Map<String, byte[]> top = GoJson.topLevel(raw, "t");
    assertThat(top.keySet()).containsExactly("a", "b\"");
    assertThat(new String(top.get("b\""), StandardCharsets.UTF_8)).isEqualTo("true");
    assertThat(new String(GoJson.topLevel("{\"n\":-1.5E+2,\"m\":{}}".getBytes(StandardCharsets.UTF_8), "t")
        .get("n"), StandardCharsets.UTF_8)).isEqualTo("-1.5E+2");
  }

  @Test
  void singleImageDestinationFinishesOnCommit() throws Exception {
    Path file = tmp.resolve("single.tar");
    byte[] c = TestImages.config(List.of(base), "x");
    try (ImageDestination d = DockerArchiveWriter.singleImage(file, List.of("one:1"), tmp.resolve("spool"))) {
      TestImages.copy(ociSource("single", c, List.of(base)), d);
    }
    try (DockerArchiveReader r = DockerArchiveReader.open(file, tmp)) {
      assertThat(r.source((String) null).names()).containsExactly("localhost/one:1");
    }
    assertThat(Files.size(file) % 512).isZero();
  }
}
