package io.jpod.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/** Builds the layer, OCI config and manifest of {@code podman import} from a root filesystem tarball. */
final class ImageImporter {
  private final ObjectMapper mapper;
  private final LayerStore layers;

  ImageImporter(ObjectMapper mapper, LayerStore layers) {
    this.mapper = mapper;
    this.layers = layers;
  }

  /** The serialized config and manifest plus the new base layer, ready for {@link ImageStore#addImage}. */
  record Imported(byte[] config, byte[] manifest, String topLayer) {}

  Imported importRootfs(InputStream tar, ImportOptions opts) throws IOException {
    LayerRecord layer = layers.createFromTar(tar, null);
    Instant now = opts.created() != null ? opts.created() : Instant.now();
    ImageConfig.Config cfg = new ConfigChanges(mapper).apply(ImageConfig.Config.empty(), opts.changes());
    ImageConfig config = new ImageConfig(
        now,
        null,
        opts.architecture() != null ? opts.architecture() : GoArch.host(),
        opts.os() != null ? opts.os() : "linux",
        null,
        cfg,
        new ImageConfig.RootFs("layers", List.of(layer.diffDigest())),
        List.of(new ImageConfig.History(now,
            "/bin/sh -c #(nop) ADD file:" + Digest.parse(layer.diffDigest()).hex() + " in /", null,
            opts.message() == null || opts.message().isEmpty() ? "imported from tarball" : opts.message(), null)));
    byte[] configBytes = json(config);
    Manifest manifest = new Manifest(2, Manifest.MEDIA_TYPE,
        new Manifest.Descriptor(Manifest.CONFIG_MEDIA_TYPE, Digest.of(configBytes).toString(),
            configBytes.length, null),
        // The layer is stored uncompressed; push/save compress it and write their own manifest.
        List.of(new Manifest.Descriptor(Manifest.LAYER_TAR, layer.diffDigest(), layer.diffSize(), null)),
        null);
    return new Imported(configBytes, json(manifest), layer.id());
  }

  private byte[] json(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new JpodException(io.jpod.common.ErrorKind.INTERNAL, "encoding " + value + ": " + e, e);
    }
  }
}
