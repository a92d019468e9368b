package io.jpod.image.archive;

import io.jpod.image.transport.MediaTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.Json;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.LayerCompression;
import io.jpod.storage.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks jpod's archives against the real skopeo (containers/image): each must read what the other writes. */
class SkopeoInteropTest {
  private static final Path SKOPEO = Path.of("/usr/bin/skopeo");

  @TempDir Path tmp;

  private final byte[] base = TestImages.layer(Map.of("etc/base", "base layer", "etc/motd", "hi"));
  private final byte[] app = TestImages.layer("app/run", "app layer");
  private final byte[] other = TestImages.layer("other/file", "other");
  private Path source;

  @BeforeEach
  void handMadeLayout() throws IOException {
    assumeTrue(Files.isExecutable(SKOPEO), "skopeo is not installed");
    source = tmp.resolve("src");
    // one gzip and one plain layer, and characters in the config that Go's JSON escapes
    TestImages.ociLayout(source, "v1", TestImages.config(List.of(base, app), "echo <hi> && exit"),
        List.of(TestImages.gzip(base), app));
  }

  private static String skopeo(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(SKOPEO.toString(), "--insecure-policy"));
    cmd.addAll(List.of(args));
    return TestImages.run(cmd.toArray(String[]::new));
  }

  @Test
  void readsDockerArchiveWrittenBySkopeo() throws Exception {
    Path file = tmp.resolve("skopeo.tar");
    skopeo("copy", "-q", "oci:" + source + ":v1", "docker-archive:" + file + ":example.com/foo/bar:v1");
    String raw = skopeo("inspect", "--raw", "docker-archive:" + file);
    try (DockerArchiveReader r = DockerArchiveReader.open(file, tmp)) {
      ImageSource s = r.source("example.com/foo/bar:v1");
      assertThat(s.names()).containsExactly("example.com/foo/bar:v1");
      // the synthesized manifest is byte for byte containers/image's, so digests agree with podman's
      assertThat(new String(s.manifest().bytes())).isEqualTo(raw.strip());
      Map<String, byte[]> blobs = TestImages.readAll(s);
      assertThat(blobs.get(Digest.of(base).toString())).isEqualTo(base);
      assertThat(blobs.get(Digest.of(app).toString())).isEqualTo(app);

      Path layout = tmp.resolve("copied");
      try (ImageDestination d = new OciLayoutWriter(layout, LayerCompression.GZIP).addImage("copied")) {
        TestImages.copy(s, d);
      }
      JsonNode inspected = Json.mapper().readTree(skopeo("inspect", "oci:" + layout + ":copied"));
      assertThat(inspected.path("Layers")).hasSize(2);
    }
  }

  @Test
  void writesTheSameDockerArchiveAsSkopeo() throws Exception {
    Path theirs = tmp.resolve("theirs.tar");
    skopeo("copy", "-q", "oci:" + source + ":v1", "docker-archive:" + theirs + ":example.com/foo/bar:v1");
    Path ours = tmp.resolve("ours.tar");
    try (ImageDestination d = DockerArchiveWriter.singleImage(ours, List.of("example.com/foo/bar:v1"),
        tmp.resolve("spool"))) {
      TestImages.copy(OciLayoutReader.openDirectory(source).source("v1"), d);
    }
    Map<String, byte[]> theirEntries = TestImages.tarEntries(theirs);
    Map<String, byte[]> ourEntries = TestImages.tarEntries(ours);
    assertThat(ourEntries.keySet()).containsExactlyElementsOf(theirEntries.keySet());
    for (String name : theirEntries.keySet()) {
      assertThat(new String(ourEntries.get(name))).as(name).isEqualTo(new String(theirEntries.get(name)));
    }
    List<TarArchiveEntry> theirHeaders = TestImages.tarHeaders(theirs);
    List<TarArchiveEntry> ourHeaders = TestImages.tarHeaders(ours);
    for (int i = 0; i < theirHeaders.size(); i++) {
      TarArchiveEntry t = theirHeaders.get(i);
      TarArchiveEntry o = ourHeaders.get(i);
      assertThat(o.getMode()).as(t.getName()).isEqualTo(t.getMode());
      assertThat(o.getLastModifiedDate()).as(t.getName()).isEqualTo(t.getLastModifiedDate());
      assertThat(o.getLongUserId()).isEqualTo(t.getLongUserId());
      assertThat(o.getUserName()).isEqualTo(t.getUserName());
    }
    assertThat(Files.size(ours)).isEqualTo(Files.size(theirs));
    assertThat(ours).hasSameBinaryContentAs(theirs);
  }

  @Test
  void skopeoReadsOurDockerArchiveIncludingMultiImage() throws Exception {
    Path file = tmp.resolve("multi.tar");
    Path second = tmp.resolve("src2");
    TestImages.ociLayout(second, "v2", TestImages.config(List.of(base, other), "two"), List.of(base, other));
    String firstDigest;
    try (DockerArchiveWriter w = DockerArchiveWriter.create(file, tmp.resolve("spool"))) {
      try (ImageDestination d = w.addImage(List.of("example.com/app:1"))) {
        TestImages.copy(OciLayoutReader.openDirectory(source).source("v1"), d);
      }
      try (ImageDestination d = w.addImage(List.of("example.com/other:2", "localhost/x:y"))) {
        TestImages.copy(OciLayoutReader.openDirectory(second).source("v2"), d);
      }
      w.finish();
    }
    try (DockerArchiveReader r = DockerArchiveReader.open(file, tmp)) {
      firstDigest = Digest.of(r.source(0).manifest().bytes()).toString();
    }
    JsonNode first = Json.mapper().readTree(skopeo("inspect", "docker-archive:" + file + ":@0"));
    assertThat(first.path("Digest").asText()).isEqualTo(firstDigest);
    assertThat(first.path("Layers").get(1).asText()).isEqualTo(Digest.of(app).toString());
    JsonNode byName = Json.mapper().readTree(skopeo("inspect", "docker-archive:" + file + ":example.com/other:2"));
    assertThat(byName.path("Layers").get(1).asText()).isEqualTo(Digest.of(other).toString());
    assertThat(byName.path("RepoTags")).hasSize(0); // skopeo lists repository tags only for registries

    Path out = tmp.resolve("out");
    skopeo("copy", "-q", "docker-archive:" + file + ":@1", "oci:" + out + ":back");
    try (OciLayoutReader r = OciLayoutReader.openDirectory(out)) {
      ImageSource s = r.source("back");
      JsonNode m = Json.mapper().readTree(s.manifest().bytes());
      Map<String, byte[]> blobs = TestImages.readAll(s);
      byte[] layer1 = blobs.get(m.path("layers").get(1).path("digest").asText());
      assertThat(TestImages.isGzip(layer1) ? TestImages.gunzip(layer1) : layer1).isEqualTo(other);
    }
  }

  @Test
  void skopeoReadsOurOciArchiveAndLayoutAndWeReadTheirs() throws Exception {
    Path file = tmp.resolve("ours-oci.tar");
    try (ImageDestination d = OciArchiveWriter.singleImage(file, "v1", tmp.resolve("work"), LayerCompression.GZIP)) {
      TestImages.copy(OciLayoutReader.openDirectory(source).source("v1"), d);
    }
    JsonNode inspected = Json.mapper().readTree(skopeo("inspect", "oci-archive:" + file + ":v1"));
    assertThat(inspected.path("Layers")).hasSize(2);
    JsonNode raw = Json.mapper().readTree(skopeo("inspect", "--raw", "oci-archive:" + file + ":v1"));
    assertThat(raw.path("layers").get(0).path("mediaType").asText()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    skopeo("copy", "-q", "oci-archive:" + file + ":v1", "oci:" + tmp.resolve("viaskopeo") + ":v1");

    Path layout = tmp.resolve("ourlayout");
    try (ImageDestination d = new OciLayoutWriter(layout, LayerCompression.UNCOMPRESSED).addImage("plain")) {
      TestImages.copy(OciLayoutReader.openDirectory(source).source("v1"), d);
    }
    JsonNode plain = Json.mapper().readTree(skopeo("inspect", "oci:" + layout + ":plain"));
    assertThat(plain.path("Layers").get(0).asText()).isEqualTo(Digest.of(base).toString());
    skopeo("copy", "-q", "oci:" + layout + ":plain", "docker-archive:" + tmp.resolve("d.tar") + ":a/b:c");

    Path theirs = tmp.resolve("theirs-oci.tar");
    skopeo("copy", "-q", "oci:" + source + ":v1", "oci-archive:" + theirs + ":t");
    assertThat(ArchiveFormat.detect(theirs, tmp)).isEqualTo(ArchiveFormat.OCI_ARCHIVE);
    try (OciLayoutReader r = OciLayoutReader.openArchive(theirs, tmp)) {
      ImageSource s = r.source(null, Platform.host());
      assertThat(s.names()).containsExactly("t");
      JsonNode m = Json.mapper().readTree(s.manifest().bytes());
      byte[] layer = TestImages.readAll(s).get(m.path("layers").get(1).path("digest").asText());
      assertThat(TestImages.isGzip(layer) ? TestImages.gunzip(layer) : layer).isEqualTo(app);
    }
  }
}
