package io.jpod.image.archive;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** An entry of an OCI {@code index.json} (or of a nested index): what it points to and how it is named. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OciDescriptor(String mediaType, String digest, long size, Platform platform,
    Map<String, String> annotations) {
  /** The annotation that names an image in a layout ({@code oci:DIR:REF}). */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";
  /** The full image name containerd and docker 25+ add next to the ref name. */
  public static final String CONTAINERD_NAME = "io.containerd.image.name";

  public OciDescriptor {
    annotations = annotations == null ? null : Map.copyOf(annotations);
  }

  /** The entry's ref name, or null. */
  @JsonIgnore
  public String refName() {
    return annotations == null ? null : annotations.get(REF_NAME);
  }

  /** The names this entry carries: containerd's full name (if any), then the ref name (if any). */
  @JsonIgnore
  public List<String> names() {
    if (annotations == null) {
      return List.of();
    }
    String full = annotations.get(CONTAINERD_NAME);
    String ref = annotations.get(REF_NAME);
    return java.util.stream.Stream.of(full, ref).filter(n -> n != null && !n.isEmpty()).distinct().toList();
  }

  /** The contents of an {@code index.json} or of an image index blob. */
  record Index(int schemaVersion, String mediaType, List<OciDescriptor> manifests) {
    Index {
      manifests = manifests == null ? List.of() : List.copyOf(manifests);
    }
  }
}
