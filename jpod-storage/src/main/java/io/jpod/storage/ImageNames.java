package io.jpod.storage;

import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Normalizes image references the way podman names local images ({@code busybox} → {@code localhost/busybox:latest}). */
public final class ImageNames {
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

  private ImageNames() {}

  /**
   * The full {@code registry/path:tag} form of a local name: no registry means {@code localhost}, no tag
   * means {@code latest}, {@code docker.io/x} means {@code docker.io/library/x}; digests are kept.
   */
  public static String normalize(String ref) {
    if (ref == null || ref.isBlank()) {
      throw JpodException.invalid("invalid image name \"\": empty");
    }
    String digest = null;
    String rest = ref;
    int at = ref.indexOf('@');
    if (at >= 0) {
      digest = ref.substring(at + 1);
      Digest.parse(digest);
      rest = ref.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw JpodException.invalid("invalid image name \"" + ref + "\": invalid tag \"" + tag + "\"");
      }
    }
    String domain;
    String path;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
      domain = first;
      path = rest.substring(slash + 1);
    } else {
      domain = "localhost";
      path = rest;
    }
    if (domain.equals("docker.io") && !path.contains("/")) {
      path = "library/" + path;
    }
    for (String part : path.split("/", -1)) {
      if (!PATH.matcher(part).matches()) {
        throw JpodException.invalid("invalid image name \"" + ref + "\": repository name must be "
            + "lowercase and consist of [a-z0-9._-] components");
      }
    }
    String name = domain + "/" + path;
    if (digest != null) {
      return tag == null ? name + "@" + digest : name + ":" + tag + "@" + digest;
    }
    return name + ":" + (tag == null ? "latest" : tag);
  }

  /** The names {@code ref} may stand for, most specific first, for looking up local images. */
  public static List<String> candidates(String ref) {
    List<String> out = new ArrayList<>();
    out.add(ref);
    try {
      String n = normalize(ref);
      if (!out.contains(n)) {
        out.add(n);
      }
      String firstPart = ref.contains("/") ? ref.substring(0, ref.indexOf('/')) : "";
      boolean qualified = firstPart.contains(".") || firstPart.contains(":")
          || firstPart.equals("localhost");
      if (!qualified) {
        // podman also finds a pulled docker.io image by its short name.
        String d = normalize("docker.io/" + ref);
        if (!out.contains(d)) {
          out.add(d);
        }
      }
    } catch (JpodException e) {
      // Not a valid name: only the literal comparison (and id matching) can succeed.
    }
    return out;
  }
}
