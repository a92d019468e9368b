package io.jpod.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * A layer extracted into {@code overlay/staging/<random>/} but not registered yet: its content is known,
 * its id (which depends on the parent) is not. {@link LayerStore#commitStaged} registers it and
 * {@link LayerStore#discard} drops it. {@code skipped} names entries of types jpod cannot create.
 */
public record StagedLayer(Path dir, Digest diffDigest, long diffSize, Digest compressedDigest,
    long compressedSize, List<Integer> uids, List<Integer> gids, Compression compression,
    List<String> skipped) {
  public StagedLayer {
    uids = List.copyOf(uids);
    gids = List.copyOf(gids);
    skipped = List.copyOf(skipped);
  }
}
