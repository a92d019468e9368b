package io.jpod.image.store;

import io.jpod.common.JpodException;
import io.jpod.image.copy.ImageManifest;
import io.jpod.image.copy.Producer;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.MediaTypes;
import io.jpod.image.transport.RawManifest;
import io.jpod.common.Json;
import io.jpod.storage.Digest;
import io.jpod.storage.Image;
import io.jpod.storage.LayerRecord;
import io.jpod.storage.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image of the local store as a copy source (push, save). The store keeps layers unpacked, so the
 * manifest names each layer by its uncompressed digest (the DiffID) and a layer blob is the exact
 * original tar, re-assembled from the layer's files and its tar-split record.
 */
public final class StoreSource implements ImageSource {
  private final Store store;
  private final Image image;
  private final byte[] config;
  private final Map<String, String> layerByDigest = new LinkedHashMap<>();
  private final RawManifest manifest;

  public StoreSource(Store store, Image image) {
    this.store = store;
    this.image = image;
    this.config = store.images().bigData(image.id(), "sha256:" + image.id());
    List<BlobInfo> layers = new ArrayList<>();
    if (image.topLayer() != null) {
      for (String id : store.layers().chain(image.topLayer())) {
        LayerRecord r = store.layers().get(id)
            .orElseThrow(() -> JpodException.notFound("layer " + id + ": layer not known"));
        layers.add(new BlobInfo(MediaTypes.OCI_LAYER, r.diffDigest(), r.diffSize()));
        layerByDigest.putIfAbsent(r.diffDigest(), id);
      }
    }
    BlobInfo cfg = new BlobInfo(MediaTypes.OCI_CONFIG, Digest.of(config).toString(), config.length);
    this.manifest = new RawManifest(ImageManifest.write(Json.mapper(), true, cfg, layers), MediaTypes.OCI_MANIFEST);
  }

  @Override
  public String describe() {
    return "containers-storage:" + (image.names().isEmpty() ? image.id() : image.names().getFirst());
  }

  @Override
  public RawManifest manifest() {
    return manifest;
  }

  @Override
  public List<String> names() {
    return image.names();
  }

  @Override
  public InputStream openBlob(BlobInfo blob) throws IOException {
    if (blob.digest().equals("sha256:" + image.id())) {
      return new ByteArrayInputStream(config);
    }
    String layer = layerByDigest.get(blob.digest());
    if (layer == null) {
      throw JpodException.notFound(describe() + ": blob " + blob.digest() + " not known");
    }
    return Producer.stream("layer-tar", out -> store.layers().writeLayerTar(layer, out));
  }
}
