package io.jpod.image.archive;

import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.RawManifest;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A source that owns the reader it came from, so that one {@code close()} releases the whole archive. */
final class OwningSource implements ImageSource {
  private final ImageSource source;
  private final Closeable owner;

  OwningSource(ImageSource source, Closeable owner) {
    this.source = source;
    this.owner = owner;
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public RawManifest manifest() throws IOException {
    return source.manifest();
  }

  @Override
  public String indexDigest() {
    return source.indexDigest();
  }

  @Override
  public InputStream openBlob(BlobInfo blob) throws IOException {
    return source.openBlob(blob);
  }

  @Override
  public List<String> names() {
    return source.names();
  }

  @Override
  public void close() throws IOException {
    try {
      source.close();
    } finally {
      owner.close();
    }
  }
}
