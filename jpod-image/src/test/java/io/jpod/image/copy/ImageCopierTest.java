package io.jpod.image.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.LayerCompression;
import io.jpod.image.transport.MediaTypes;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class ImageCopierTest {
  private final ImageCopier copier = new ImageCopier(Json.mapper(), 3);

  /** An image held in memory: layers are gzip tars of one file each. */
  private static final class MemorySource implements ImageSource {
    final Map<String, byte[]> blobs = new HashMap<>();
    final List<String> diffIds = new ArrayList<>();
    RawManifest manifest;
    byte[] config;

    MemorySource(int layers) throws IOException {
      List<BlobInfo> descs = new ArrayList<>();
      for (int i = 0; i < layers; i++) {
        byte[] tar = tar("file" + i, ("content " + i).repeat(100 * (i + 1)));
        diffIds.add(Digest.of(tar).toString());
        byte[] gz = gzip(tar);
        blobs.put(Digest.of(gz).toString(), gz);
        descs.add(new BlobInfo(MediaTypes.OCI_LAYER_GZIP, Digest.of(gz).toString(), gz.length));
      }
      config = Json.mapper().writeValueAsBytes(Map.of("architecture", "amd64", "os", "linux",
          "rootfs", Map.of("type", "layers", "diff_ids", diffIds)));
      blobs.put(Digest.of(config).toString(), config);
      BlobInfo cfg = new BlobInfo(MediaTypes.OCI_CONFIG, Digest.of(config).toString(), config.length);
      manifest = new RawManifest(ImageManifest.write(Json.mapper(), true, cfg, descs), MediaTypes.OCI_MANIFEST);
    }

    @Override
    public String describe() {
      return "memory:test";
    }

    @Override
    public RawManifest manifest() {
      return manifest;
    }

    @Override
    public InputStream openBlob(BlobInfo blob) {
      return new ByteArrayInputStream(blobs.get(blob.digest()));
    }
  }

  /** A destination that keeps what it is given and whether it was committed. */
  private static final class MemoryDestination implements ImageDestination {
    final LayerCompression compression;
    final Boolean oci;
    final Map<Integer, byte[]> layers = new ConcurrentHashMap<>();
    final Map<String, BlobInfo> known = new ConcurrentHashMap<>();
    RawManifest manifest;
    boolean committed;

    MemoryDestination(LayerCompression compression, Boolean oci) {
      this.compression = compression;
      this.oci = oci;
    }

    @Override
    public String describe() {
      return "memory:dest";
    }

    @Override
    public LayerCompression layerCompression() {
      return compression;
    }

    @Override
    public Boolean wantsOciMediaTypes() {
      return oci;
    }

    @Override
    public void putConfig(byte[] config, BlobInfo info) {}

    @Override
    public BlobInfo tryReuseLayer(int index, BlobInfo blob, String diffId) {
      return known.get(blob.digest());
    }

    @Override
    public BlobInfo putLayer(int index, InputStream data, BlobInfo blob, String diffId) throws IOException {
      byte[] bytes = data.readAllBytes();
      layers.put(index, bytes);
      return new BlobInfo(blob.mediaType(), Digest.of(bytes).toString(), bytes.length);
    }

    @Override
    public void putManifest(RawManifest manifest) {
      this.manifest = manifest;
    }

    @Override
    public void commit() {
      committed = true;
    }

    @Override
    public void close() {}
  }

  @Test
  void plainCopyKeepsTheManifestAndItsDigest() throws IOException {
    MemorySource src = new MemorySource(3);
    MemoryDestination dst = new MemoryDestination(LayerCompression.KEEP, null);
    CopyResult r = copier.copy(src, dst, CopyProgress.NONE);
    assertThat(dst.committed).isTrue();
    assertThat(dst.manifest.bytes()).isEqualTo(src.manifest.bytes());
    assertThat(r.manifestDigest()).isEqualTo(Digest.of(src.manifest.bytes()).toString());
    assertThat(r.configDigest()).isEqualTo(Digest.of(src.config).toString());
  }

  @Test
  void uncompressingDestinationGetsTarsAndADockerManifest() throws IOException {
    MemorySource src = new MemorySource(2);
    MemoryDestination dst = new MemoryDestination(LayerCompression.UNCOMPRESSED, false);
    copier.copy(src, dst, CopyProgress.NONE);
    for (int i = 0; i < 2; i++) {
      assertThat(Digest.of(dst.layers.get(i)).toString()).isEqualTo(src.diffIds.get(i));
    }
    ImageManifest m = ImageManifest.parse(dst.manifest, Json.mapper(), "dest");
    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(m.layers()).extracting(BlobInfo::digest).containsExactlyElementsOf(src.diffIds);
    assertThat(m.layers()).extracting(BlobInfo::mediaType).containsOnly(MediaTypes.DOCKER_LAYER);
  }

  @Test
  void gzipDestinationGetsACompressedPlainLayer() throws IOException {
    MemorySource src = new MemorySource(1);
    // Re-serve the layer uncompressed, as the local store does.
    byte[] gz = src.blobs.values().stream().filter(b -> b.length > 2 && (b[0] & 0xff) == 0x1f).findFirst().orElseThrow();
    byte[] tar = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
    src.blobs.put(Digest.of(tar).toString(), tar);
    BlobInfo cfg = new BlobInfo(MediaTypes.OCI_CONFIG, Digest.of(src.config).toString(), src.config.length);
    src.manifest = new RawManifest(ImageManifest.write(Json.mapper(), true, cfg,
        List.of(new BlobInfo(MediaTypes.OCI_LAYER, Digest.of(tar).toString(), tar.length))), MediaTypes.OCI_MANIFEST);
    MemoryDestination dst = new MemoryDestination(LayerCompression.GZIP, null);
    copier.copy(src, dst, CopyProgress.NONE);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(dst.layers.get(0))).readAllBytes()).isEqualTo(tar);
    ImageManifest m = ImageManifest.parse(dst.manifest, Json.mapper(), "dest");
    assertThat(m.layers().getFirst().mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
    assertThat(m.layers().getFirst().digest()).isEqualTo(Digest.of(dst.layers.get(0)).toString());
  }

  @Test
  void corruptBlobFailsWithTheDigestAndNothingIsCommitted() throws IOException {
    MemorySource src = new MemorySource(2);
    String victim = ImageManifest.parse(src.manifest, Json.mapper(), "x").layers().get(1).digest();
    byte[] bad = src.blobs.get(victim).clone();
    bad[bad.length / 2] ^= 0x5a;
    src.blobs.put(victim, bad);
    MemoryDestination dst = new MemoryDestination(LayerCompression.UNCOMPRESSED, null);
    assertThatThrownBy(() -> copier.copy(src, dst, CopyProgress.NONE))
        .isInstanceOf(JpodException.class).hasMessageContaining("memory:test").hasMessageContaining(victim);
    assertThat(dst.committed).isFalse();
  }

  @Test
  void layersTheDestinationHasAreSkippedAndKnownVariantsAreOffered() throws IOException {
    MemorySource src = new MemorySource(2);
    ImageManifest m = ImageManifest.parse(src.manifest, Json.mapper(), "x");
    BlobInfo elsewhere = new BlobInfo(MediaTypes.OCI_LAYER_GZIP, "sha256:" + "e".repeat(64), 42);
    MemoryDestination dst = new MemoryDestination(LayerCompression.KEEP, null);
    dst.known.put(m.layers().get(0).digest(), m.layers().get(0));
    dst.known.put(elsewhere.digest(), elsewhere);
    ImageCopier withCache = new ImageCopier(Json.mapper(), 2,
        diffId -> diffId.equals(src.diffIds.get(1)) ? List.of(elsewhere) : List.of());
    List<String> skipped = new ArrayList<>();
    withCache.copy(src, dst, new CopyProgress() {
      @Override
      public void blobStarted(BlobInfo blob, boolean config, boolean wasSkipped) {
        if (wasSkipped) {
          skipped.add(blob.digest());
        }
      }
    });
    assertThat(dst.layers).isEmpty();
    assertThat(skipped).hasSize(2);
    assertThat(ImageManifest.parse(dst.manifest, Json.mapper(), "d").layers().get(1)).isEqualTo(elsewhere);
  }

  @Test
  void schemaOneAndForeignMediaTypesAreRefused() {
    RawManifest s1 = new RawManifest("{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8), "");
    assertThatThrownBy(() -> ImageManifest.parse(s1, Json.mapper(), "ref")).hasMessageContaining("schema 1");
    RawManifest odd = new RawManifest("{}".getBytes(StandardCharsets.UTF_8), "application/x-odd");
    assertThatThrownBy(() -> ImageManifest.parse(odd, Json.mapper(), "ref"))
        .hasMessageContaining("unsupported manifest media type");
  }

  private static byte[] tar(String name, String content) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(bos)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(data.length);
      t.putArchiveEntry(e);
      t.write(data);
      t.closeArchiveEntry();
    }
    return bos.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(data);
    }
    return bos.toByteArray();
  }
}
