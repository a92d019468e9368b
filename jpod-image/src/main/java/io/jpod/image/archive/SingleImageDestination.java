package io.jpod.image.archive;

import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.LayerCompression;
import io.jpod.image.transport.RawManifest;
import java.io.IOException;
import java.io.InputStream;

/**
 * An archive holding exactly one image, as a plain destination: committing the image also finishes
 * the archive, and closing it without a commit leaves no file behind.
 */
final class SingleImageDestination implements ImageDestination {
  private final ImageDestination image;
  private final FinishableArchive archive;

  SingleImageDestination(ImageDestination image, FinishableArchive archive) {
    this.image = image;
    this.archive = archive;
  }

  @Override
  public String describe() {
    return image.describe();
  }

  @Override
  public LayerCompression layerCompression() {
    return image.layerCompression();
  }

  @Override
  public Boolean wantsOciMediaTypes() {
    return image.wantsOciMediaTypes();
  }

  @Override
  public void putConfig(byte[] config, BlobInfo info) throws IOException {
    image.putConfig(config, info);
  }

  @Override
  public BlobInfo tryReuseLayer(int index, BlobInfo blob, String diffId) throws IOException {
    return image.tryReuseLayer(index, blob, diffId);
  }

  @Override
  public BlobInfo putLayer(int index, InputStream data, BlobInfo blob, String diffId) throws IOException {
    return image.putLayer(index, data, blob, diffId);
  }

  @Override
  public void putManifest(RawManifest manifest) throws IOException {
    image.putManifest(manifest);
  }

  @Override
  public void commit() throws IOException {
    image.commit();
    archive.finish();
  }

  @Override
  public void close() throws IOException {
    try {
      image.close();
    } finally {
      archive.close();
    }
  }
}
