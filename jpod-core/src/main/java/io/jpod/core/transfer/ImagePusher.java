package io.jpod.core.transfer;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.core.Libpod;
import io.jpod.core.events.Event;
import io.jpod.image.copy.BlobInfoCache;
import io.jpod.image.copy.CopyResult;
import io.jpod.image.copy.ImageCopier;
import io.jpod.image.registry.ImageReference;
import io.jpod.image.registry.RegistryDestination;
import io.jpod.image.store.StoreSource;
import io.jpod.image.transport.ImageDestination;
import io.jpod.storage.Image;
import io.jpod.storage.ImageNames;
import java.io.IOException;
import java.time.Instant;

/**
 * {@code podman push IMAGE [DESTINATION]}: a local image to a registry (or, with a transport prefix, to
 * an archive or layout). Layers are re-assembled from the store and gzip-compressed while they upload.
 */
public final class ImagePusher {
  /** {@code --format}: keep the manifest type ({@code null}), OCI or Docker schema 2. */
  public enum ManifestFormat { OCI, V2S2 }

  private final Libpod libpod;
  private final ImageCopier copier;

  private final BlobInfoCache blobCache;

  public ImagePusher(Libpod libpod) {
    this.libpod = libpod;
    this.blobCache = Transfers.blobCache(libpod);
    this.copier = new ImageCopier(Json.mapper(), 4, blobCache::variants);
  }

  /** Pushes and returns the digest of the manifest written. */
  public String push(String source, String destination, ManifestFormat format, TransferOptions o) {
    Image image = libpod.store().images().lookup(source);
    String dest = destination != null ? destination : defaultDestination(source, image);
    TransportRef t = TransportRef.parse(dest);
    try (StoreSource src = new StoreSource(libpod.store(), image)) {
      CopyResult result = switch (t) {
        case TransportRef.Docker d -> toRegistry(src, ImageReference.parseDockerNormalized(d.reference()), format, o);
        case TransportRef.Plain p -> toRegistry(src, ImageReference.parse(p.reference()).withDefaultTag(), format, o);
        case TransportRef.DockerArchive a -> new ImageArchives(libpod).saveOne(src, t, image, a.select(), o);
        case TransportRef.OciDir d -> new ImageArchives(libpod).saveOne(src, t, image, d.ref(), o);
        case TransportRef.OciArchive a -> new ImageArchives(libpod).saveOne(src, t, image, a.ref(), o);
      };
      libpod.events().write(new Event(null, image.id(), null, dest, "push", Instant.now(), "image", null));
      return result.manifestDigest();
    } catch (IOException e) {
      throw JpodException.system("pushing " + source + ": " + e.getMessage(), e);
    }
  }

  /** Without a destination podman pushes to the image's own (fully qualified) name. */
  private static String defaultDestination(String source, Image image) {
    for (String candidate : ImageNames.candidates(source)) {
      if (image.names().contains(candidate)) {
        return candidate;
      }
    }
    if (image.names().isEmpty()) {
      throw JpodException.invalid("no destination given and image " + source + " has no name to push to");
    }
    return image.names().getFirst();
  }

  private CopyResult toRegistry(StoreSource src, ImageReference ref, ManifestFormat format, TransferOptions o)
      throws IOException {
    return Retry.run(() -> {
      try (RegistryDestination dst = RegistryDestination.open(o.access(), ref,
          digest -> blobCache.repositories(digest, ref.registry()))) {
        ImageDestination target = format == null ? dst : new FormatOverride(dst, format == ManifestFormat.OCI);
        CopyResult copied = copier.copy(src, target, o.progress());
        Transfers.remember(blobCache, copied, ref.registry() + "/" + ref.repository());
        return copied;
      } catch (IOException e) {
        throw new JpodException(ErrorKind.REGISTRY, "pushing to " + ref.transportName() + ": " + e.getMessage(), e);
      }
    }, o.notes());
  }
}
