package io.jpod.core.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One local image as listings, filters and removal see it (libimage's view of a storage image).
 *
 * @param id the config digest hex
 * @param names the image's names in storage order, fully qualified ({@code localhost/busybox:latest})
 * @param namesHistory names the image has had, most recent first
 * @param digest the manifest digest ({@code sha256:…})
 * @param repoDigests {@code repository@digest} for each name, sorted, without duplicates
 * @param created the config's creation time
 * @param size bytes of the image's layers plus its stored metadata (containers/storage's ImageSize)
 * @param labels the config's labels, null when it has none
 * @param containers how many containers (of any tool sharing the store) use the image
 * @param dangling no names and no child image
 * @param intermediate no names but a child image
 * @param parentId the parent image's id, or "" when it has none
 * @param readOnly whether the image lives in a read-only additional store (never, so far)
 * @param topLayer the id of the image's top layer, or null for an image without layers
 */
public record ImageSummary(
    String id,
    List<String> names,
    List<String> namesHistory,
    String digest,
    List<String> repoDigests,
    Instant created,
    long size,
    Map<String, String> labels,
    int containers,
    boolean dangling,
    boolean intermediate,
    String parentId,
    boolean readOnly,
    String topLayer) {

  public ImageSummary {
    names = List.copyOf(names);
    namesHistory = List.copyOf(namesHistory);
    repoDigests = List.copyOf(repoDigests);
  }
}
