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
    Instant created,
    List<io.jpod.sys.IdMap> uidmap,
    List<io.jpod.sys.IdMap> gidmap) {

  /** A record without user namespace mappings. */
  public ContainerRecord(String id, List<String> names, String image, String layer, String metadata,
      Map<String, Object> flags, Instant created) {
    this(id, names, image, layer, metadata, flags, created, null, null);
  }

  /** The uid mappings of the container's user namespace; empty without one. */
  public List<io.jpod.sys.IdMap> uidMappings() {
    return uidmap == null ? List.of() : uidmap;
  }

  /** The gid mappings of the container's user namespace; empty without one. */
  public List<io.jpod.sys.IdMap> gidMappings() {
    return gidmap == null ? List.of() : gidmap;
  }

  /** The names, never null. */
  public List<String> nameList() {
    return names == null ? List.of() : names;
  }
}
