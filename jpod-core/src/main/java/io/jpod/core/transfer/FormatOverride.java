package io.jpod.core.transfer;

import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.LayerCompression;
import io.jpod.image.transport.RawManifest;
import java.io.IOException;
import java.io.InputStream;

/** A destination that asks for OCI or Docker manifests whatever the wrapped one prefers ({@code --format}). */
record FormatOverride(ImageDestination inner, boolean oci) implements ImageDestination {
  @Override
  public String describe() {
    return inner.describe();
  }

  @Override
  public LayerCompression layerCompression() {
    return inner.layerCompression();
  }

  @Override
  public Boolean wantsOciMediaTypes() {
    return oci;
  }

  @Override
  public void putConfig(byte[] config, BlobInfo info) throws IOException {
    inner.putConfig(config, info);
  }

  @Override
  public BlobInfo tryReuseLayer(int index, BlobInfo blob, String diffId) throws IOException {
    return inner.tryReuseLayer(index, blob, diffId);
  }

  @Override
  public BlobInfo putLayer(int index, InputStream data, BlobInfo blob, String diffId) throws IOException {
    return inner.putLayer(index, data, blob, diffId);
  }

  @Override
  public void putManifest(RawManifest manifest) throws IOException {
    inner.putManifest(manifest);
  }

  @Override
  public void commit() throws IOException {
    inner.commit();
  }

  @Override
  public void close() throws IOException {
    inner.close();
  }
}
