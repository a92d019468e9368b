package io.jpod.image.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * One image's content, read blob by blob: a registry repository at a tag or digest, one image of an
 * archive, an OCI layout entry or an image in the local store. The caller verifies digests.
 */
public interface ImageSource extends Closeable {
  /** How users name this source in messages, e.g. {@code docker://localhost:5000/app:1}. */
  String describe();

  /**
   * The single-platform manifest (OCI image manifest or Docker schema 2). A source that holds an index
   * picks the entry for the platform it was opened for, or fails naming the platforms it has.
   */
  RawManifest manifest() throws IOException;

  /** The digest of the index (manifest list) the manifest was chosen from, if there was one. */
  default String indexDigest() {
    return null;
  }

  /** Opens a blob named in the manifest (the config or a layer), as stored in the source. */
  InputStream openBlob(BlobInfo blob) throws IOException;

  /** Names the source carries for the image (docker-archive {@code RepoTags}, OCI ref names); may be empty. */
  default List<String> names() {
    return List.of();
  }

  @Override
  default void close() throws IOException {}
}
