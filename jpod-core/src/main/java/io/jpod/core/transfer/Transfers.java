package io.jpod.core.transfer;

import io.jpod.common.Json;
import io.jpod.core.Libpod;
import io.jpod.image.copy.BlobInfoCache;
import io.jpod.image.copy.ConfigDiffIds;
import io.jpod.image.copy.CopyResult;
import io.jpod.image.copy.ImageManifest;

/** Shared pieces of pull and push: the blob-info cache and what they record in it. */
final class Transfers {
  private Transfers() {}

  /** The cache lives beside the store's data ({@code <graphroot>/cache}), as podman keeps its own. */
  static BlobInfoCache blobCache(Libpod libpod) {
    return new BlobInfoCache(libpod.store().graphRoot().resolve("cache"));
  }

  /** Records which blobs of a copied image now exist at {@code location} ({@code registry/repository}). */
  static void remember(BlobInfoCache cache, CopyResult copied, String location) {
    ImageManifest m = ImageManifest.parse(copied.manifest(), Json.mapper(), location);
    cache.recordImage(m, ConfigDiffIds.of(copied.config()), location);
  }
}
