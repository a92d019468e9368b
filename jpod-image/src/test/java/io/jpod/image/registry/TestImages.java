package io.jpod.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.Json;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.MediaTypes;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Hand-made one-layer images, and push/pull loops standing in for the copier. */
final class TestImages {
  private TestImages() {}

  /** A one-layer image; {@code layerTar} is the uncompressed layer, {@code layerGz} what is pushed. */
  record Image(byte[] config, byte[] layerTar, byte[] layerGz, RawManifest manifest) {
    String configDigest() {
      return Digest.of(config).toString();
    }

    String layerDigest() {
      return Digest.of(layerGz).toString();
    }

    String diffId() {
      return Digest.of(layerTar).toString();
    }

    String manifestDigest() {
      return Digest.of(manifest.bytes()).toString();
    }
  }

  static Image image(String arch, String fileContent, boolean oci) {
    try {
      byte[] tar = tar("hello.txt", fileContent.getBytes(StandardCharsets.UTF_8));
      byte[] gz = gzip(tar);
      String diffId = Digest.of(tar).toString();
      String config = "{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/sh\"]},"
          + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
          + "\"history\":[{\"created_by\":\"jpod test\"}]}";
      byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
      String configType = oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG;
      String layerType = oci ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.DOCKER_LAYER_GZIP;
      String manifestType = oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST;
      String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + manifestType + "\","
          + "\"config\":{\"mediaType\":\"" + configType + "\",\"digest\":\"" + Digest.of(configBytes)
          + "\",\"size\":" + configBytes.length + "},"
          + "\"layers\":[{\"mediaType\":\"" + layerType + "\",\"digest\":\"" + Digest.of(gz) + "\",\"size\":"
          + gz.length + "}]}";
      return new Image(configBytes, tar, gz, new RawManifest(manifest.getBytes(StandardCharsets.UTF_8), manifestType));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An OCI index over {@code images} (platform from each config's architecture). */
  static RawManifest index(List<Image> images, List<String> variants) {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      Image img = images.get(i);
      String arch = Json.mapper().valueToTree(parse(img.config())).path("architecture").asText();
      String variant = variants.get(i);
      entries.add("{\"mediaType\":\"" + img.manifest().mediaType() + "\",\"digest\":\"" + img.manifestDigest()
          + "\",\"size\":" + img.manifest().bytes().length + ",\"platform\":{\"architecture\":\"" + arch
          + "\",\"os\":\"linux\"" + (variant.isEmpty() ? "" : ",\"variant\":\"" + variant + "\"") + "}}");
    }
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + String.join(",", entries) + "]}";
    return new RawManifest(json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX);
  }

  private static JsonNode parse(byte[] b) {
    try {
      return Json.mapper().readTree(b);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] tar(String name, byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(content.length);
      e.setMode(0644);
      t.putArchiveEntry(e);
      t.write(content);
      t.closeArchiveEntry();
    }
    return out.toByteArray();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** Pushes {@code img} the way the copier drives a destination (layer with an unknown digest). */
  static void push(ImageDestination dest, Image img) throws IOException {
    dest.putConfig(img.config(), new BlobInfo(MediaTypes.OCI_CONFIG, img.configDigest(), img.config().length));
    BlobInfo known = new BlobInfo(MediaTypes.OCI_LAYER_GZIP, img.layerDigest(), img.layerGz().length);
    BlobInfo reused = dest.tryReuseLayer(0, known, img.diffId());
    if (reused == null) {
      BlobInfo sent = dest.putLayer(0, new ByteArrayInputStream(img.layerGz()),
          BlobInfo.unknown(MediaTypes.OCI_LAYER_GZIP), img.diffId());
      assertThat(sent.digest()).isEqualTo(img.layerDigest());
      assertThat(sent.size()).isEqualTo(img.layerGz().length);
    }
    dest.putManifest(img.manifest());
    dest.commit();
  }

  /** Reads the manifest and every blob of {@code src}, checking each blob's digest; returns the manifest. */
  static RawManifest pullAndVerify(ImageSource src) throws IOException {
    RawManifest m = src.manifest();
    JsonNode root = parse(m.bytes());
    List<JsonNode> blobs = new ArrayList<>();
    blobs.add(root.path("config"));
    root.path("layers").forEach(blobs::add);
    for (JsonNode b : blobs) {
      BlobInfo info = new BlobInfo(b.path("mediaType").asText(), b.path("digest").asText(), b.path("size").asLong());
      try (InputStream in = src.openBlob(info)) {
        byte[] data = in.readAllBytes();
        assertThat(Digest.of(data).toString()).isEqualTo(info.digest());
        assertThat((long) data.length).isEqualTo(info.size());
      }
    }
    return m;
  }
}
