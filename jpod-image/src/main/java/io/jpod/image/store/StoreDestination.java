package io.jpod.image.store;

import io.jpod.common.JpodException;
import io.jpod.image.copy.ConfigDiffIds;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.LayerCompression;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import io.jpod.storage.Image;
import io.jpod.storage.LayerRecord;
import io.jpod.storage.LayerStore;
import io.jpod.storage.StagedLayer;
import io.jpod.storage.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The local store as a copy destination (pull, load). Layers are extracted as they arrive, in parallel,
 * into staging directories (a layer's content does not depend on its parent, only its id does); commit
 * then registers them bottom-up and adds the image. Closing without commit discards the staging dirs,
 * so a failed pull leaves no layer or image behind.
 */
public final class StoreDestination implements ImageDestination {
  private final Store store;
  private final List<String> names;
  private final List<String> extraDigests;
  private final String describe;
  private byte[] config;
  private List<String> diffIds = List.of();
  private AtomicReferenceArray<StagedLayer> staged = new AtomicReferenceArray<>(0);
  private RawManifest manifest;
  private Image committed;

  /**
   * @param names the names the image gets (normalized), may be empty
   * @param extraDigests other digests the image is known by (the index it was chosen from)
   */
  public StoreDestination(Store store, List<String> names, List<String> extraDigests) {
    this.store = store;
    this.names = List.copyOf(names);
    this.extraDigests = List.copyOf(extraDigests);
    this.describe = "containers-storage:" + (names.isEmpty() ? "" : names.getFirst());
  }

  @Override
  public String describe() {
    return describe;
  }

  @Override
  public LayerCompression layerCompression() {
    return LayerCompression.KEEP; // the extractor reads plain, gzip and zstd tars itself
  }

  @Override
  public void putConfig(byte[] config, BlobInfo info) throws IOException {
    this.config = config.clone();
    this.diffIds = ConfigDiffIds.of(config);
    this.staged = new AtomicReferenceArray<>(diffIds.size());
  }

  @Override
  public BlobInfo tryReuseLayer(int index, BlobInfo blob, String diffId) {
    return store.layers().get(chainId(index)).isPresent() ? blob : null;
  }

  @Override
  public BlobInfo putLayer(int index, InputStream data, BlobInfo blob, String diffId) throws IOException {
    // The copier verifies the blob against blob.digest() and discards this destination on a mismatch.
    StagedLayer s = store.layers().stage(data, blob.digest() == null ? null : Digest.parse(blob.digest()));
    if (!s.diffDigest().toString().equals(diffId)) {
      store.layers().discard(s);
      throw JpodException.invalid(describe + ": layer " + blob.digest() + " has DiffID " + s.diffDigest()
          + " but the image config says " + diffId);
    }
    staged.set(index, s);
    return new BlobInfo(blob.mediaType(), s.compressedDigest().toString(), s.compressedSize());
  }

  @Override
  public void putManifest(RawManifest manifest) {
    this.manifest = manifest;
  }

  @Override
  public void commit() throws IOException {
    if (config == null || manifest == null) {
      throw new IllegalStateException("commit before config and manifest");
    }
    String parent = null;
    LayerStore layers = store.layers();
    for (int i = 0; i < diffIds.size(); i++) {
      StagedLayer s = staged.getAndSet(i, null);
      if (s == null) {
        String id = chainId(i);
        LayerRecord existing = layers.get(id).orElseThrow(
            () -> JpodException.system(describe + ": layer " + id + " vanished during the copy"));
        parent = existing.id();
      } else {
        parent = layers.commitStaged(s, parent).id();
      }
    }
    committed = store.images().addImage(config, manifest.bytes(), parent, names, extraDigests);
  }

  /** The image commit created. */
  public Image image() {
    if (committed == null) {
      throw new IllegalStateException("not committed");
    }
    return committed;
  }

  @Override
  public void close() {
    for (int i = 0; i < staged.length(); i++) {
      StagedLayer s = staged.getAndSet(i, null);
      if (s != null) {
        store.layers().discard(s);
      }
    }
  }

  /** The storage id of layer {@code index}: containers/image's chain of DiffIDs. */
  private String chainId(int index) {
    String id = null;
    for (int i = 0; i <= index; i++) {
      String hex = Digest.parse(diffIds.get(i)).hex();
      id = id == null ? hex : Digest.of((id + "+" + hex).getBytes(StandardCharsets.UTF_8)).hex();
    }
    return id;
  }

}
