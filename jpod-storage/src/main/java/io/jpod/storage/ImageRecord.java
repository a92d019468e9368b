package io.jpod.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One entry of {@code <driver>-images/images.json}, in containers/storage's field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageRecord(
    String id,
    String digest,
    List<String> digests,
    List<String> names,
    String layer,
    @JsonProperty("big-data-names") List<String> bigDataNames,
    @JsonProperty("big-data-sizes") Map<String, Long> bigDataSizes,
    @JsonProperty("big-data-digests") Map<String, String> bigDataDigests,
    String metadata,
    Instant created,
    @JsonProperty("names-history") List<String> namesHistory) {

  /**
   * A copy with other names; names it did not have go to the front of the names history, as
   * containers/storage keeps it (a name taken away stays in the history).
   */
  public ImageRecord withNames(List<String> newNames) {
    return renamed(newNames, false);
  }

  /**
   * A copy whose names are set to {@code newNames} as containers/storage's SetNames does it (untag):
   * each of them is put at the front of the history again, in order, so the last one ends up first.
   */
  public ImageRecord withNamesSet(List<String> newNames) {
    return renamed(newNames, true);
  }

  private ImageRecord renamed(List<String> newNames, boolean everyName) {
    List<String> hist = new java.util.ArrayList<>(history());
    for (String n : newNames) {
      if (everyName || !nameList().contains(n)) {
        hist.remove(n);
        hist.addFirst(n);
      }
    }
    return new ImageRecord(id, digest, digests, newNames.isEmpty() ? null : List.copyOf(newNames), layer,
        bigDataNames, bigDataSizes, bigDataDigests, metadata, created, hist.isEmpty() ? null : List.copyOf(hist));
  }

  /**
   * The names history, never null; a record written before jpod kept one has its current names, the
   * last added first.
   */
  public List<String> history() {
    return namesHistory != null ? namesHistory : nameList().reversed();
  }

  /** The manifest digests, never null; records written before jpod kept them hold just {@code digest}. */
  public List<String> digestList() {
    if (digests != null) {
      return digests;
    }
    return digest == null ? List.of() : List.of(digest);
  }

  /** The names, never null. */
  public List<String> nameList() {
    return names == null ? List.of() : names;
  }
}
