package io.jpod.image.archive;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Read access to the files of an image archive or layout, by path: a directory on disk or an indexed
 * tar, so that the OCI layout code reads {@code oci:} directories and {@code oci-archive:} tars alike.
 */
interface FileTree {
  /** The archive or directory, as messages name it. */
  String describe();

  /** The size of the regular file at {@code path} (following links inside the tree), or -1 if absent. */
  long sizeOf(String path) throws IOException;

  /** Opens the regular file at {@code path}; a missing file is an invalid archive. */
  InputStream open(String path) throws IOException;

  /** Reads a small file (a manifest, a config, an index) whole, refusing anything above {@code limit}. */
  default byte[] read(String path, String what, int limit) throws IOException {
    long size = sizeOf(path);
    if (size < 0) {
      throw JpodException.invalid(describe() + ": " + what + " \"" + path + "\" is missing");
    }
    if (size > limit) {
      throw JpodException.invalid(describe() + ": " + what + " \"" + path + "\" is too large (" + size
          + " bytes)");
    }
    try (InputStream in = open(path)) {
      byte[] data = in.readAllBytes();
      if (data.length != size) {
        throw JpodException.invalid(describe() + ": " + what + " \"" + path + "\" is truncated");
      }
      return data;
    }
  }
}
