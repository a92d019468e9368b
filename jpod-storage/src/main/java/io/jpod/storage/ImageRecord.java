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
    Instant created) {

  /** A copy with other names. */
  public ImageRecord withNames(List<String> newNames) {
    return new ImageRecord(id, digest, digests, newNames.isEmpty() ? null : List.copyOf(newNames), layer,
        bigDataNames, bigDataSizes, bigDataDigests, metadata, created);
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
