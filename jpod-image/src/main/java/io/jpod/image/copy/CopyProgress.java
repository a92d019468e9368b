package io.jpod.image.copy;

import io.jpod.image.transport.BlobInfo;

/** What a copy reports as it goes; the CLI prints podman's lines or progress bars from it. */
public interface CopyProgress {
  /** Called once before any blob moves. */
  default void started() {}

  /** A blob (layer or config) is about to be copied, or was found at the destination ({@code skipped}). */
  default void blobStarted(BlobInfo blob, boolean config, boolean skipped) {}

  /** {@code bytes} of {@code blob} have been read from the source so far. */
  default void blobProgress(BlobInfo blob, long bytes) {}

  default void blobDone(BlobInfo blob, boolean config) {}

  /** The manifest is being written: the last step. */
  default void writingManifest() {}

  CopyProgress NONE = new CopyProgress() {};
}
