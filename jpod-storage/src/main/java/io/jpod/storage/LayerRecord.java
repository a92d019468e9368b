package io.jpod.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** One entry of {@code <driver>-layers/layers.json}, in containers/storage's field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerRecord(
    String id,
    List<String> names,
    String parent,
    Instant created,
    @JsonProperty("compressed-diff-digest") String compressedDiffDigest,
    @JsonProperty("compressed-size") Long compressedSize,
    @JsonProperty("diff-digest") String diffDigest,
    @JsonProperty("diff-size") Long diffSize,
    List<Integer> uidset,
    List<Integer> gidset) {}
