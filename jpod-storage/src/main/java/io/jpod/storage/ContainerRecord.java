package io.jpod.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One entry of {@code <driver>-containers/containers.json}, in containers/storage's field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerRecord(
    String id,
    List<String> names,
    String image,
    String layer,
    String metadata,
    Map<String, Object> flags,
    Instant created) {

  /** The names, never null. */
  public List<String> nameList() {
    return names == null ? List.of() : names;
  }
}
