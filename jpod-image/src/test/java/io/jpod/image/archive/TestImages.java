package io.jpod.image.archive;

import io.jpod.image.transport.MediaTypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.Json;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.LayerCompression;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds tiny images by hand and moves them between sources and destinations, for the archive tests. */
final class TestImages {
  private TestImages() {}

  /** A layer tar holding the given files (name → content). */
  static byte[] layer(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(f.getKey());
        e.setSize(data.length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] layer(String name, String content) {
    return layer(Map.of(name, content));
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] data) throws IOException {
    try (InputStream in = new GzipCompressorInputStream(new ByteArrayInputStream(data))) {
      return in.readAllBytes();
    }
  }

  static boolean isGzip(byte[] data) {
    return data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
  }

  /** An image config for uncompressed layers {@code layers}, with characters Go escapes in it. */
  static byte[] config(List<byte[]> layers, String cmd) {
    ObjectNode c = Json.mapper().createObjectNode();
    c.put("created", "2024-01-01T00:00:00Z").put("architecture", "amd64").put("os", "linux");
    ObjectNode cfg = c.putObject("config");
    cfg.putArray("Env").add("PATH=/usr/bin:/bin");
    cfg.putArray("Cmd").add("/bin/sh").add("-c").add(cmd);
    ObjectNode rootfs = c.putObject("rootfs").put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    for (byte[] l : layers) {
      ids.add(Digest.of(l).toString());
    }
    c.putArray("history").addObject().put("created", "2024-01-01T00:00:00Z").put("created_by", "test");
    try {
      return Json.mapper().writeValueAsBytes(c);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an OCI layout by hand (no jpod code): the given blobs as layers, one index entry named {@code ref}. */
  static Digest ociLayout(Path dir, String ref, byte[] config, List<byte[]> layerBlobs) throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.write(blobs.resolve(Digest.of(config).hex()), config);
    ObjectNode m = Json.mapper().createObjectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
    m.putObject("config").put("mediaType", MediaTypes.OCI_CONFIG).put("digest", Digest.of(config).toString())
        .put("size", config.length);
    ArrayNode layers = m.putArray("layers");
    for (byte[] l : layerBlobs) {
      Files.write(blobs.resolve(Digest.of(l).hex()), l);
      layers.addObject().put("mediaType", isGzip(l) ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER)
          .put("digest", Digest.of(l).toString()).put("size", l.length);
    }
    byte[] manifest = Json.mapper().writeValueAsBytes(m);
    Files.write(blobs.resolve(Digest.of(manifest).hex()), manifest);
    ObjectNode index = Json.mapper().createObjectNode().put("schemaVersion", 2);
    ObjectNode entry = index.putArray("manifests").addObject().put("mediaType", MediaTypes.OCI_MANIFEST)
        .put("digest", Digest.of(manifest).toString()).put("size", manifest.length);
    if (ref != null) {
      entry.putObject("annotations").put(OciDescriptor.REF_NAME, ref);
    }
    Files.write(dir.resolve("index.json"), Json.mapper().writeValueAsBytes(index));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return Digest.of(manifest);
  }

  /** What a copy produced: the uncompressed layers (as DiffIDs) and the config it read. */
  record Copied(byte[] config, List<Digest> diffIds) {}

  /**
   * A minimal copier, as the real one will behave: converts layers to the form the destination asks
   * for (sniffing the data, not trusting media types) and writes a manifest of the wanted flavour.
   */
  static Copied copy(ImageSource src, ImageDestination dst) throws IOException {
    RawManifest raw = src.manifest();
    JsonNode m = Json.mapper().readTree(raw.bytes());
    JsonNode configDesc = m.path("config");
    byte[] config;
    try (InputStream in = src.openBlob(blob(configDesc))) {
      config = in.readAllBytes();
    }
    JsonNode diffIds = Json.mapper().readTree(config).path("rootfs").path("diff_ids");
    boolean oci = !Boolean.FALSE.equals(dst.wantsOciMediaTypes());
    String configType = oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG;
    dst.putConfig(config, new BlobInfo(configType, Digest.of(config).toString(), config.length));
    List<BlobInfo> layers = new ArrayList<>();
    List<Digest> diffs = new ArrayList<>();
    int i = 0;
    for (JsonNode l : m.path("layers")) {
      String diffId = diffIds.get(i).asText();
      diffs.add(Digest.parse(diffId));
      BlobInfo reused = dst.tryReuseLayer(i, blob(l), diffId);
      if (reused != null) {
        layers.add(reused);
        i++;
        continue;
      }
      byte[] data;
      try (InputStream in = src.openBlob(blob(l))) {
        data = in.readAllBytes();
      }
      BlobInfo sent = blob(l);
      if (dst.layerCompression() == LayerCompression.UNCOMPRESSED && isGzip(data)) {
        data = gunzip(data);
        sent = new BlobInfo(null, Digest.of(data).toString(), data.length);
      } else if (dst.layerCompression() == LayerCompression.GZIP && !isGzip(data)) {
        data = gzip(data);
        sent = new BlobInfo(null, null, -1);
      }
      layers.add(dst.putLayer(i, new ByteArrayInputStream(data), sent, diffId));
      i++;
    }
    ObjectNode out = Json.mapper().createObjectNode().put("schemaVersion", 2)
        .put("mediaType", oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST);
    out.putObject("config").put("mediaType", configType).put("digest", Digest.of(config).toString())
        .put("size", config.length);
    ArrayNode outLayers = out.putArray("layers");
    for (BlobInfo b : layers) {
      String type = b.mediaType() != null ? b.mediaType() : MediaTypes.OCI_LAYER;
      outLayers.addObject().put("mediaType", type).put("digest", b.digest()).put("size", b.size());
    }
    dst.putManifest(new RawManifest(Json.mapper().writeValueAsBytes(out),
        oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST));
    dst.commit();
    return new Copied(config, diffs);
  }

  static BlobInfo blob(JsonNode descriptor) {
    return new BlobInfo(descriptor.path("mediaType").asText(null), descriptor.path("digest").asText(),
        descriptor.path("size").asLong(-1));
  }

  /** Reads every blob of {@code src} through {@link ImageSource#openBlob}, returning layer data by digest. */
  static Map<String, byte[]> readAll(ImageSource src) throws IOException {
    JsonNode m = Json.mapper().readTree(src.manifest().bytes());
    Map<String, byte[]> out = new LinkedHashMap<>();
    List<JsonNode> descs = new ArrayList<>();
    descs.add(m.path("config"));
    m.path("layers").forEach(descs::add);
    for (JsonNode d : descs) {
      try (InputStream in = src.openBlob(blob(d))) {
        byte[] data = in.readAllBytes();
        // Sources leave verification to their caller (the copier); this reader is such a caller.
        String actual = io.jpod.storage.Digest.of(data).toString();
        if (!actual.equals(d.path("digest").asText())) {
          throw io.jpod.common.JpodException.invalid(src.describe() + ": blob " + d.path("digest").asText()
              + ": digest mismatch (got " + actual + ")");
        }
        out.put(d.path("digest").asText(), data);
      }
    }
    return out;
  }

  /** The entries of a tar file: name → content (symlinks as "-> target"), in order. */
  static Map<String, byte[]> tarEntries(Path tar) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), e.isSymbolicLink() ? ("-> " + e.getLinkName()).getBytes(StandardCharsets.UTF_8)
            : in.readAllBytes());
      }
    }
    return out;
  }

  static List<TarArchiveEntry> tarHeaders(Path tar) throws IOException {
    List<TarArchiveEntry> out = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** Runs a command, returning stdout; fails with stderr on a non-zero exit. */
  static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + ": timed out");
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): "
          + new String(err, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
