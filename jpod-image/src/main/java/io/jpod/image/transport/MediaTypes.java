package io.jpod.image.transport;

import java.util.Set;

/** The manifest, config and layer media types of OCI and Docker schema 2 images. */
public final class MediaTypes {
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_FOREIGN_LAYER_GZIP =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
  public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
  public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

  /** Manifest types jpod can store and run. */
  public static final Set<String> IMAGE_MANIFESTS = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
  /** Lists of per-platform manifests. */
  public static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_LIST);

  private MediaTypes() {}

  public static boolean isIndex(String mediaType) {
    return INDEXES.contains(mediaType);
  }

  /** Whether {@code type} is a single-image manifest (OCI or Docker schema 2). */
  public static boolean isImageManifest(String type) {
    return IMAGE_MANIFESTS.contains(type);
  }

  /** The layer media type for a compression in OCI or Docker terms. */
  public static String layerType(boolean oci, LayerCompression compression) {
    return switch (compression) {
      case GZIP -> oci ? OCI_LAYER_GZIP : DOCKER_LAYER_GZIP;
      case UNCOMPRESSED, KEEP -> oci ? OCI_LAYER : DOCKER_LAYER;
    };
  }
}
