package io.jpod.core.image;

import java.time.Instant;
import java.util.List;

/**
 * One row of {@code history}, newest first (libimage's ImageHistory).
 *
 * @param id the image whose top layer this step produced, or {@code <missing>}
 * @param created when the step ran (null if the config does not say)
 * @param createdBy the command of the step
 * @param tags names of the images on this step's layer (podman 4 leaves it empty)
 * @param size the uncompressed size of the step's layer, 0 for steps without one
 * @param comment the step's comment
 */
public record HistoryEntry(String id, Instant created, String createdBy, List<String> tags, long size, String comment) {
  public HistoryEntry {
    tags = List.copyOf(tags);
  }
}
