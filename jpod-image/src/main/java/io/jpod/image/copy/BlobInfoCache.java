package io.jpod.image.copy;

import io.jpod.image.transport.BlobInfo;
import io.jpod.storage.JsonFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What jpod has learned about blobs, as containers/image's blob-info cache: which compressed blobs hold
 * a given layer (DiffID) and in which registry repositories each was seen. A push asks it for the gzip
 * digest of a layer so it can find the blob already in the target repository (nothing uploaded) or
 * mount it from another repository of the same registry, instead of compressing and uploading again.
 * Entries are hints: every use is checked against the registry.
 */
public final class BlobInfoCache {
  private static final int MAX_LOCATIONS = 32;

  /** One compressed form of a layer and where it was seen ({@code registry/repository}). */
  @io.avaje.jsonb.Json
  public record Entry(String diffId, String digest, String mediaType, long size, List<String> locations) {}

  private final JsonFile<Entry> file;

  public BlobInfoCache(Path dir) {
    this.file = new JsonFile<>(dir.resolve("blob-info-cache.json"), dir.resolve("blob-info-cache.lock"), new io.jpod.storage.StorageJson(),
        Entry.class);
  }

  /** Known compressed forms of the layer {@code diffId}, most recently recorded first. */
  public List<BlobInfo> variants(String diffId) {
    List<BlobInfo> out = new ArrayList<>();
    for (Entry e : file.read().reversed()) {
      if (e.diffId().equals(diffId) && !e.digest().equals(diffId)) {
        out.add(new BlobInfo(e.mediaType(), e.digest(), e.size()));
      }
    }
    return out;
  }

  /** Repositories of {@code registry} where {@code digest} was seen. */
  public List<String> repositories(String digest, String registry) {
    String prefix = registry + "/";
    List<String> out = new ArrayList<>();
    for (Entry e : file.read()) {
      if (e.digest().equals(digest)) {
        e.locations().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
            .filter(r -> !out.contains(r)).forEach(out::add);
      }
    }
    return out;
  }

  /**
   * Records the layers of an image that was just pulled from or pushed to {@code location}
   * ({@code registry/repository}, or null for a local copy): layer {@code i} of the manifest holds
   * {@code diffIds[i]}.
   */
  public void recordImage(ImageManifest manifest, List<String> diffIds, String location) {
    if (manifest.layers().size() != diffIds.size()) {
      return;
    }
    file.update(list -> {
      for (int i = 0; i < diffIds.size(); i++) {
        BlobInfo b = manifest.layers().get(i);
        String diffId = diffIds.get(i);
        int at = indexOf(list, diffId, b.digest());
        Entry old = at < 0 ? null : list.remove(at);
        Set<String> locations = new LinkedHashSet<>(old == null ? List.of() : old.locations());
        if (location != null) {
          locations.remove(location);
          locations.add(location);
        }
        List<String> kept = new ArrayList<>(locations);
        while (kept.size() > MAX_LOCATIONS) {
          kept.removeFirst();
        }
        list.add(new Entry(diffId, b.digest(), b.mediaType(), b.size(), kept));
      }
      return null;
    });
  }


  private static int indexOf(List<Entry> list, String diffId, String digest) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).diffId().equals(diffId) && list.get(i).digest().equals(digest)) {
        return i;
      }
    }
    return -1;
  }
}
