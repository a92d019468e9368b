package io.jpod.image.registry;

import io.jpod.common.JpodException;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageDestination;
import io.jpod.image.transport.LayerCompression;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * A registry repository being pushed to. Layers arrive gzip-compressed with an unknown digest and are
 * streamed up in one chunked PATCH while hashed; layers the repository has, or can mount from another
 * repository of the same registry, are not sent at all. A registry has no transactions: what was
 * uploaded stays (unreferenced blobs are the registry's garbage), and the manifest PUT publishes.
 */
public final class RegistryDestination implements ImageDestination {
  private final RegistryClient client;
  private final boolean ownsClient;
  private final ImageReference ref;
  private final Function<String, List<String>> repoHints;
  private volatile String manifestDigest;

  /**
   * A destination writing to {@code ref} through {@code client} (kept and closed by the caller).
   * {@code repoHints} maps a blob digest to repositories on the same registry known to have it (may
   * return an empty list).
   */
  public RegistryDestination(RegistryClient client, ImageReference ref, Function<String, List<String>> repoHints) {
    this(client, false, ref, repoHints);
  }

  private RegistryDestination(RegistryClient client, boolean owns, ImageReference ref,
      Function<String, List<String>> repoHints) {
    this.client = client;
    this.ownsClient = owns;
    this.ref = ref;
    this.repoHints = repoHints == null ? d -> List.of() : repoHints;
  }

  /** Opens {@code ref} for a push with podman's flags and files (blocked registries fail here). */
  public static RegistryDestination open(RegistryAccess access, ImageReference ref,
      Function<String, List<String>> repoHints) {
    boolean insecure = false;
    if (access.conf() != null) {
      access.conf().checkNotBlocked(ref);
      insecure = access.conf().isInsecure(ref.name());
    }
    return new RegistryDestination(access.client(ref, insecure, ref.registry()), true, ref, repoHints);
  }

  public ImageReference reference() {
    return ref;
  }

  @Override
  public String describe() {
    return ref.transportName();
  }

  @Override
  public LayerCompression layerCompression() {
    return LayerCompression.GZIP;
  }

  @Override
  public void putConfig(byte[] config, BlobInfo info) {
    String digest = info.digest() != null ? info.digest() : Digest.of(config).toString();
    if (client.blobExists(ref.repository(), digest)) {
      return;
    }
    client.uploadBlob(ref.repository(), new ByteArrayInputStream(config), digest, config.length);
  }

  @Override
  public BlobInfo tryReuseLayer(int index, BlobInfo blob, String diffId) {
    if (blob.digest() == null) {
      return null;
    }
    OptionalLong size = client.blobSize(ref.repository(), blob.digest());
    if (size.isPresent()) {
      return new BlobInfo(blob.mediaType(), blob.digest(), blob.size() >= 0 ? blob.size() : size.getAsLong());
    }
    for (String from : repoHints.apply(blob.digest())) {
      if (from.equals(ref.repository())) {
        continue;
      }
      if (client.mountBlob(ref.repository(), blob.digest(), from)) {
        long s = blob.size() >= 0 ? blob.size() : client.blobSize(ref.repository(), blob.digest()).orElse(-1);
        return new BlobInfo(blob.mediaType(), blob.digest(), s);
      }
    }
    return null;
  }

  @Override
  public BlobInfo putLayer(int index, InputStream data, BlobInfo blob, String diffId) {
    BlobInfo sent = client.uploadBlob(ref.repository(), data, blob.digest(), blob.size());
    return new BlobInfo(blob.mediaType(), sent.digest(), sent.size());
  }

  @Override
  public void putManifest(RawManifest manifest) {
    String digest = Digest.of(manifest.bytes()).toString();
    if (ref.digest() != null && !ref.digest().equals(digest)) {
      throw JpodException.invalid("writing manifest to " + describe() + ": the manifest's digest " + digest
          + " does not match the reference's digest " + ref.digest());
    }
    String target = ref.tag() != null ? ref.tag() : ref.digest() != null ? ref.digest() : ImageReference.DEFAULT_TAG;
    try {
      manifestDigest = client.putManifest(ref.repository(), target, manifest);
    } catch (JpodException e) {
      throw new JpodException(e.kind(), "writing manifest: " + e.getMessage(), e);
    }
  }

  /** The digest of the pushed manifest ({@code push --digestfile}); null before {@link #putManifest}. */
  public String manifestDigest() {
    return manifestDigest;
  }

  @Override
  public void commit() {
    // The manifest PUT already made the image visible.
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
