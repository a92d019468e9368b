package io.jpod.image.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where an image is written: a registry repository, an archive, an OCI layout or the local store.
 * The copier calls, in order: {@link #putConfig}, then {@link #tryReuseLayer}/{@link #putLayer} for every
 * layer (possibly in parallel, from several threads), then {@link #putManifest}, then {@link #commit}.
 * {@link #close} without {@link #commit} discards everything written (no partial image is left).
 */
public interface ImageDestination extends Closeable {
  String describe();

  /** The layer form this destination wants. */
  LayerCompression layerCompression();

  /** Whether the destination wants OCI media types (true) or Docker schema 2 ones (false) or keeps the source's (null). */
  default Boolean wantsOciMediaTypes() {
    return null;
  }

  /** Stores the image config (its bytes are already verified against {@code info.digest()}). */
  void putConfig(byte[] config, BlobInfo info) throws IOException;

  /**
   * Whether layer {@code index} (bottom = 0), whose uncompressed digest is {@code diffId}, need not be
   * sent because the destination already has it (or mounted it from another repository). Returns the
   * descriptor to put in the manifest, or {@code null} to ask for the data.
   */
  BlobInfo tryReuseLayer(int index, BlobInfo blob, String diffId) throws IOException;

  /**
   * Stores layer {@code index} from {@code data}, which is in the form {@link #layerCompression()} asked
   * for; {@code blob} gives digest and size when known. Returns the stored blob's descriptor (digest and
   * size computed while writing). May run concurrently for different indexes.
   */
  BlobInfo putLayer(int index, InputStream data, BlobInfo blob, String diffId) throws IOException;

  /** Stores the manifest (after all layers). */
  void putManifest(RawManifest manifest) throws IOException;

  /** Makes the image visible (writes the archive index, registers the image in the store). */
  void commit() throws IOException;
}
