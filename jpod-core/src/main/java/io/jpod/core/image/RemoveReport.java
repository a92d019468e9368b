package io.jpod.core.image;

import java.util.List;

/**
 * What removing one image did (libimage's RemoveImageReport).
 *
 * @param id the image's id
 * @param untagged the names taken off it, in order
 * @param removed whether the image itself is gone
 * @param size the image's size before removal (what {@code image prune} reclaims)
 */
public record RemoveReport(String id, List<String> untagged, boolean removed, long size) {
  public RemoveReport {
    untagged = List.copyOf(untagged);
  }
}
