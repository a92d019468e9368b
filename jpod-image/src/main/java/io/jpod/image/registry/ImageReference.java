package io.jpod.image.registry;

import io.jpod.common.JpodException;
import java.util.regex.Pattern;

/**
 * A fully qualified registry reference: {@code registry[:port]/path[:tag][@sha256:hex]}. {@code tag} and
 * {@code digest} may each be null; {@link #tagOrDigest()} defaults to {@code latest} like podman does.
 * Validation follows the distribution reference grammar, and messages use its wording
 * ("invalid reference format: ...") because that is what podman prints.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
  public static final String DOCKER_HUB = "docker.io";
  public static final String DEFAULT_TAG = "latest";

  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern DOMAIN = Pattern.compile(
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern ANY_DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final int MAX_NAME = 255;

  public ImageReference {
    if (registry == null || !DOMAIN.matcher(registry).matches()) {
      throw JpodException.invalid("invalid reference format: invalid registry \"" + registry + "\"");
    }
    checkRepository(repository);
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw JpodException.invalid("invalid reference format: invalid tag \"" + tag + "\"");
    }
    if (digest != null && !DIGEST.matcher(digest).matches()) {
      throw JpodException.invalid("invalid reference format: unsupported digest \"" + digest + "\"");
    }
    if (registry.length() + 1 + repository.length() > MAX_NAME) {
      throw JpodException.invalid("invalid reference format: repository name must not be more than 255 characters");
    }
  }

  /**
   * Parses a fully qualified reference (an optional {@code docker://} or {@code //} prefix is dropped).
   * {@code index.docker.io} becomes {@code docker.io} and single-component Docker Hub names get
   * {@code library/}. A name without a registry part is refused: resolve it with {@link ShortNameResolver}.
   */
  public static ImageReference parse(String input) {
    Parts p = split(input);
    if (p.domain == null) {
      throw JpodException.invalid("invalid reference format: \"" + input
          + "\" is not a fully qualified reference (it has no registry)");
    }
    return build(p.domain, p.path, p.tag, p.digest);
  }

  /** Parses like Docker does: a name without a registry part is on Docker Hub. */
  public static ImageReference parseDockerNormalized(String input) {
    Parts p = split(input);
    return build(p.domain == null ? DOCKER_HUB : p.domain, p.path, p.tag, p.digest);
  }

  /** Whether {@code input} has no registry part (and so needs short-name resolution). */
  public static boolean isShortName(String input) {
    return split(input).domain == null;
  }

  /**
   * The pieces of {@code input} without deciding its registry: {@code [domain or null, path, tag, digest]}.
   * The short-name resolver uses this to look an alias up by the bare name.
   */
  static Parts split(String input) {
    if (input == null || input.isEmpty()) {
      throw JpodException.invalid("invalid reference format: repository name must have at least one component");
    }
    String s = input;
    if (s.startsWith("docker://")) {
      s = s.substring("docker://".length());
    } else if (s.startsWith("//")) {
      s = s.substring(2);
    }
    String digest = null;
    int at = s.indexOf('@');
    if (at >= 0) {
      digest = s.substring(at + 1);
      s = s.substring(0, at);
      if (!ANY_DIGEST.matcher(digest).matches()) {
        throw JpodException.invalid("invalid reference format: invalid digest \"" + digest + "\" in \"" + input + "\"");
      }
      if (!DIGEST.matcher(digest).matches()) {
        throw JpodException.invalid("unsupported digest algorithm in \"" + input + "\": only sha256 is supported");
      }
    }
    String tag = null;
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      tag = s.substring(colon + 1);
      s = s.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw JpodException.invalid("invalid reference format: invalid tag \"" + tag + "\" in \"" + input + "\"");
      }
    }
    String domain = null;
    String path = s;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      String first = s.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || (first.startsWith("[") && first.contains("]"))) {
        domain = first;
        path = s.substring(slash + 1);
      }
    }
    if (domain != null && !DOMAIN.matcher(domain).matches()) {
      throw JpodException.invalid("invalid reference format: invalid registry \"" + domain + "\" in \"" + input + "\"");
    }
    if (path.isEmpty()) {
      throw JpodException.invalid("invalid reference format: repository name must have at least one component");
    }
    if (!path.equals(path.toLowerCase(java.util.Locale.ROOT))) {
      throw JpodException.invalid("invalid reference format: repository name must be lowercase");
    }
    checkRepository(path);
    return new Parts(domain, path, tag, digest);
  }

  record Parts(String domain, String path, String tag, String digest) {}

  private static ImageReference build(String domain, String path, String tag, String digest) {
    if (domain.equals("index.docker.io")) {
      domain = DOCKER_HUB;
    }
    if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    return new ImageReference(domain, path, tag, digest);
  }

  private static void checkRepository(String repository) {
    if (repository == null || repository.isEmpty()) {
      throw JpodException.invalid("invalid reference format: repository name must have at least one component");
    }
    for (String part : repository.split("/", -1)) {
      if (!PATH_COMPONENT.matcher(part).matches()) {
        if (!part.equals(part.toLowerCase(java.util.Locale.ROOT))) {
          throw JpodException.invalid("invalid reference format: repository name must be lowercase");
        }
        throw JpodException.invalid("invalid reference format: invalid repository name \"" + repository + "\"");
      }
    }
  }

  /** {@code registry/repository}, the name without tag or digest. */
  public String name() {
    return registry + "/" + repository;
  }

  /** What to ask the registry for: the digest if any, else the tag, else {@code latest}. */
  public String tagOrDigest() {
    if (digest != null) {
      return digest;
    }
    return tag != null ? tag : DEFAULT_TAG;
  }

  /** This reference with {@code latest} when it names neither tag nor digest (podman's TagNameOnly). */
  public ImageReference withDefaultTag() {
    return tag == null && digest == null ? new ImageReference(registry, repository, DEFAULT_TAG, null) : this;
  }

  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, newTag, null);
  }

  public ImageReference withDigest(String newDigest) {
    return new ImageReference(registry, repository, null, newDigest);
  }

  /** The same repository on another registry/path, keeping tag and digest (registries.conf rewrites). */
  public ImageReference withName(String newRegistry, String newRepository) {
    return new ImageReference(newRegistry, newRepository, tag, digest);
  }

  /** How the docker transport names this reference in messages: {@code docker://...}. */
  public String transportName() {
    return "docker://" + this;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name());
    if (tag != null) {
      sb.append(':').append(tag);
    }
    if (digest != null) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }
}
