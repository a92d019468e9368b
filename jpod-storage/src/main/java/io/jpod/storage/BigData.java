package io.jpod.storage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** File names of an image's "big data" items, encoded as containers/storage does. */
public final class BigData {
  /** Key of the image's manifest. */
  public static final String MANIFEST = "manifest";

  private BigData() {}

  /** Key of the manifest stored under its digest ({@code manifest-sha256:…}). */
  public static String manifestKey(Digest d) {
    return "manifest-" + d;
  }

  /** Key of the config blob: its digest ({@code sha256:…}). */
  public static String configKey(String imageId) {
    return "sha256:" + imageId;
  }

  /** Keys of only {@code [a-z0-9.]} are kept; anything else becomes {@code =<base64(key)>}. */
  public static String fileName(String key) {
    for (char c : key.toCharArray()) {
      if (!(c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
        return "=" + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
      }
    }
    return key;
  }
}
