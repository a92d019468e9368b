package io.jpod.storage;

import io.jpod.sys.Xattrs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The two spellings of a deletion: OCI layer tars use {@code .wh.NAME} files and {@code .wh..wh..opq}
 * markers, overlayfs uses 0:0 character devices and the {@code trusted.overlay.opaque} xattr.
 */
final class Whiteouts {
  static final String PREFIX = ".wh.";
  /** AUFS metadata ({@code .wh..wh.plnk}, {@code .wh..wh.aufs}); the opaque marker is the only one used. */
  static final String META_PREFIX = ".wh..wh.";
  static final String OPAQUE_MARKER = ".wh..wh..opq";
  static final String OPAQUE_XATTR = "trusted.overlay.opaque";
  private static final byte[] YES = "y".getBytes(StandardCharsets.US_ASCII);

  private Whiteouts() {}

  /** Whether the directory {@code dir} hides the lower layers' content below it. */
  static boolean isOpaque(Path dir) {
    return Xattrs.get(dir, OPAQUE_XATTR).map(v -> Arrays.equals(v, YES)).orElse(false);
  }

  static void markOpaque(Path dir) {
    Xattrs.set(dir, OPAQUE_XATTR, YES);
  }

  /** overlayfs' own xattrs describe this layer's place in one mount; they never travel in a tar. */
  static boolean isOverlayXattr(String name) {
    return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
  }
}
