package io.jpod.storage;

import io.jpod.common.JpodException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A sha256 content digest, written {@code sha256:<64 lowercase hex>}, used for image, layer and blob ids. */
public record Digest(String hex) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  public Digest {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw JpodException.invalid("invalid sha256 digest hex \"" + hex + "\"");
    }
  }

  /** Parses {@code sha256:<hex>}; bare hex is refused so a caller never confuses names and digests. */
  public static Digest parse(String s) {
    if (s == null || !s.startsWith("sha256:")) {
      throw JpodException.invalid("invalid digest \"" + s + "\": expected sha256:<64 hex>");
    }
    return new Digest(s.substring("sha256:".length()));
  }

  /** Whether {@code s} is 64 lowercase hex characters (a full id). */
  public static boolean isHex64(String s) {
    return s != null && HEX.matcher(s).matches();
  }

  /** The digest of {@code data}. */
  public static Digest of(byte[] data) {
    return new Digest(HexFormat.of().formatHex(sha256().digest(data)));
  }

  /** A fresh sha256 MessageDigest (every JDK has sha256, so absence is a bug). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The digest a finished MessageDigest holds. */
  public static Digest of(MessageDigest md) {
    return new Digest(HexFormat.of().formatHex(md.digest()));
  }

  @Override
  public String toString() {
    return "sha256:" + hex;
  }
}
