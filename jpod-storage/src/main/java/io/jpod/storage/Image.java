package io.jpod.storage;

import java.time.Instant;
import java.util.List;

/**
 * A stored image as callers see it: {@code id} is the config digest hex, {@code digest} the manifest
 * digest ({@code sha256:…}), {@code size} the uncompressed size of its layers.
 */
public record Image(String id, List<String> names, String topLayer, String digest, Instant created,
    long size) {
  public Image {
    names = List.copyOf(names);
  }
}
