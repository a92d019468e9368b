package io.jpod.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.archive.Platform;
import io.jpod.image.transport.BlobInfo;
import io.jpod.image.transport.ImageSource;
import io.jpod.image.transport.MediaTypes;
import io.jpod.image.transport.RawManifest;
import io.jpod.storage.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * An image in a registry repository at a tag or digest. {@link #manifest()} resolves an index to the
 * entry for the platform the source was opened for; blobs stream straight from the registry (the
 * copier verifies them).
 */
public final class RegistrySource implements ImageSource {
  private final RegistryClient client;
  private final boolean ownsClient;
  private final ImageReference userRef;
  private final ImageReference ref;
  private final Platform platform;
  private RawManifest top;
  private RawManifest manifest;
  private String manifestDigest;
  private String indexDigest;

  /** A source reading {@code ref} through {@code client} (which the caller keeps and closes). */
  public RegistrySource(RegistryClient client, ImageReference ref, Platform platform) {
    this(client, false, ref, ref, platform);
  }

  private RegistrySource(RegistryClient client, boolean owns, ImageReference userRef, ImageReference ref,
      Platform platform) {
    this.client = client;
    this.ownsClient = owns;
    this.userRef = userRef;
    this.ref = ref;
    this.platform = platform == null ? Platform.host() : platform;
  }

  /**
   * Opens {@code ref} as podman does: each registries.conf pull source in turn (mirrors, then the
   * rewritten primary location) until one serves the manifest; when all fail, the primary's error is
   * reported. Blocked registries fail at once.
   */
  public static RegistrySource open(RegistryAccess access, ImageReference ref, Platform platform) {
    List<RegistriesConf.PullSource> sources = access.conf() == null
        ? List.of(new RegistriesConf.PullSource(ref, false, false))
        : access.conf().pullSources(ref);
    JpodException last = null;
    for (RegistriesConf.PullSource s : sources) {
      RegistryClient c = access.client(s.reference(), s.insecure(), ref.registry());
      RegistrySource src = new RegistrySource(c, true, ref, s.reference(), platform);
      try {
        src.manifest();
        return src;
      } catch (JpodException e) {
        last = e;
        c.close();
      }
    }
    throw last;
  }

  /** The reference as the user gave it. */
  public ImageReference userReference() {
    return userRef;
  }

  /** The reference actually read (after registries.conf rewriting; a mirror when one served it). */
  public ImageReference reference() {
    return ref;
  }

  public RegistryClient client() {
    return client;
  }

  @Override
  public String describe() {
    return userRef.transportName();
  }

  @Override
  public synchronized RawManifest manifest() throws JpodException {
    if (manifest != null) {
      return manifest;
    }
    String where = "initializing source " + describe();
    RawManifest m;
    try {
      m = client.getManifest(ref.repository(), ref.tagOrDigest());
    } catch (JpodException e) {
      throw new JpodException(e.kind(), where + ": " + e.getMessage(), e);
    }
    top = m;
    if (MediaTypes.isIndex(m.mediaType())) {
      indexDigest = Digest.of(m.bytes()).toString();
      JsonNode index = parse(m, where);
      Optional<JsonNode> entry = PlatformChooser.choose(index, platform);
      if (entry.isEmpty()) {
        String kind = m.mediaType().equals(MediaTypes.OCI_INDEX) ? "image index" : "manifest list";
        throw new JpodException(ErrorKind.NOT_FOUND, "choosing an image from manifest list " + describe()
            + ": no image found in " + kind + " for architecture \"" + platform.architecture() + "\", variant \""
            + (platform.variant() == null ? "" : platform.variant()) + "\", OS \"" + platform.os() + "\"");
      }
      String digest = entry.get().path("digest").asText("");
      try {
        m = client.getManifest(ref.repository(), digest);
      } catch (JpodException e) {
        throw new JpodException(e.kind(), where + ": " + e.getMessage(), e);
      }
      if (MediaTypes.isIndex(m.mediaType())) {
        throw JpodException.invalid(where + ": manifest list entry " + digest + " is itself a manifest list");
      }
    }
    checkSupported(m, where);
    manifestDigest = Digest.of(m.bytes()).toString();
    manifest = m;
    return m;
  }

  private static void checkSupported(RawManifest m, String where) {
    String t = m.mediaType();
    if (t.equals(MediaTypes.DOCKER_SCHEMA1) || t.equals(MediaTypes.DOCKER_SCHEMA1_SIGNED)) {
      throw JpodException.invalid(where + ": unsupported manifest type " + t
          + ": Docker schema 1 images are not supported (re-push the image with a current client)");
    }
    if (!MediaTypes.IMAGE_MANIFESTS.contains(t)) {
      throw JpodException.invalid(where + ": unsupported manifest type \"" + (t.isEmpty() ? "unknown" : t) + "\"");
    }
  }

  private static JsonNode parse(RawManifest m, String where) {
    try {
      return Json.mapper().readTree(m.bytes());
    } catch (IOException e) {
      throw JpodException.invalid(where + ": invalid manifest list: " + e.getMessage());
    }
  }

  @Override
  public synchronized String indexDigest() {
    return indexDigest;
  }

  /** The digest of the single-platform manifest (after {@link #manifest()}). */
  public synchronized String manifestDigest() {
    return manifestDigest;
  }

  /** What the tag or digest itself points at: the index for a multi-platform image (after {@link #manifest()}). */
  public synchronized RawManifest topManifest() {
    return top;
  }

  @Override
  public InputStream openBlob(BlobInfo blob) {
    return client.getBlob(ref.repository(), blob.digest());
  }

  /** The repository's tags ({@code pull --all-tags}, {@code search --list-tags}). */
  public List<String> listTags() {
    return client.listTags(ref.repository());
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
