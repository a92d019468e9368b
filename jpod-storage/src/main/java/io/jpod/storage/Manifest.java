package io.jpod.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** An OCI image manifest ({@code application/vnd.oci.image.manifest.v1+json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
    Map<String, String> annotations) {
  public static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  public static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
  public static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  public static final String LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** A content descriptor: media type, digest and size of a blob. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Descriptor(String mediaType, String digest, long size, Map<String, String> annotations) {}
}
