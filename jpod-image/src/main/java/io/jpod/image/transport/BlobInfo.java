package io.jpod.image.transport;

/**
 * A content descriptor as manifests carry it. {@code digest} is {@code sha256:<hex>}; it and {@code size}
 * may be unknown ({@code null}, {@code -1}) for a blob the copier is still compressing.
 */
public record BlobInfo(String mediaType, String digest, long size) {
  public static BlobInfo unknown(String mediaType) {
    return new BlobInfo(mediaType, null, -1);
  }
}
