package io.jpod.storage;

import java.time.Instant;
import java.util.List;

/**
 * A stored image as callers see it: {@code id} is the config digest hex, {@code digest} the manifest
 * digest ({@code sha256:…}), {@code size} the uncompressed size of its layers, {@code digests} every
 * manifest (and manifest list) digest the image is known by, {@code digest} first; {@code
 * namesHistory} every name it has had, the most recently given first (removed ones too).
 */
public record Image(String id, List<String> names, String topLayer, String digest, Instant created,
    long size, List<String> digests, List<String> namesHistory) {
  public Image {
    names = List.copyOf(names);
    digests = digests == null ? (digest == null ? List.of() : List.of(digest)) : List.copyOf(digests);
    namesHistory = namesHistory == null ? names.reversed() : List.copyOf(namesHistory);
  }

  /** An image known by its manifest digest only. */
  public Image(String id, List<String> names, String topLayer, String digest, Instant created, long size) {
    this(id, names, topLayer, digest, created, size, null, null);
  }
}
