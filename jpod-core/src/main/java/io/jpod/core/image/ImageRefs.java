package io.jpod.core.image;

import io.jpod.common.JpodException;
import io.jpod.storage.ImageNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Image references the way containers/image's {@code docker/reference} package reads them: validation
 * with its error messages, and the pieces of a stored (fully qualified) name that listings, filters and
 * {@code RepoDigests} use. Stored names always carry a domain ({@code localhost/busybox:latest}).
 */
public final class ImageRefs {
  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]*)";
  private static final String COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN =
      "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE = Pattern.compile(
      "^((?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*)(?::(" + TAG + "))?(?:@(" + DIGEST + "))?$");
  private static final int NAME_MAX = 255;

  private ImageRefs() {}

  /**
   * Checks {@code ref} against the reference grammar and throws podman's message when it does not
   * parse ({@code repository name must be lowercase}, {@code invalid reference format}).
   */
  public static void check(String ref) {
    String problem = problem(ref);
    if (problem != null) {
      throw JpodException.invalid(problem);
    }
  }

  /** The reference parser's complaint about {@code ref}, or null when it parses. */
  static String problem(String ref) {
    if (ref == null || ref.isEmpty()) {
      return "repository name must have at least one component";
    }
    var m = REFERENCE.matcher(ref);
    if (!m.matches()) {
      return REFERENCE.matcher(ref.toLowerCase(Locale.ROOT)).matches()
          ? "repository name must be lowercase" : "invalid reference format";
    }
    if (m.group(1).length() > NAME_MAX) {
      return "repository name must not be more than " + NAME_MAX + " characters";
    }
    return null;
  }

  /**
   * libimage's NormalizeName: the stored form of a name a user gives to {@code tag}/{@code untag}
   * ({@code foo} → {@code localhost/foo:latest}); errors read {@code normalizing name "X": ...} twice,
   * as podman wraps them twice.
   */
  public static String normalize(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw JpodException.invalid("normalizing name \"" + name + "\": normalizing name \"" + name + "\": " + problem);
    }
    return ImageNames.normalize(name);
  }

  /** The name without its tag and digest: {@code localhost/foo:1} → {@code localhost/foo}. */
  public static String repository(String name) {
    String s = stripDigest(name);
    int colon = s.lastIndexOf(':');
    return colon > s.lastIndexOf('/') ? s.substring(0, colon) : s;
  }

  /** The tag of a name, or null: {@code localhost/foo:1} → {@code 1}. */
  public static String tag(String name) {
    String s = stripDigest(name);
    int colon = s.lastIndexOf(':');
    return colon > s.lastIndexOf('/') ? s.substring(colon + 1) : null;
  }

  /** Whether the name has a tag (libimage's RepoTags keeps only those). */
  public static boolean isTagged(String name) {
    return tag(name) != null;
  }

  /** The path of a stored name: its repository without the domain ({@code docker.io/library/x} → {@code library/x}). */
  public static String path(String name) {
    String repo = repository(name);
    int slash = repo.indexOf('/');
    return slash < 0 ? repo : repo.substring(slash + 1);
  }

  /** {@code repository@digest}, as RepoDigests lists it. */
  public static String withDigest(String name, String digest) {
    return repository(name) + "@" + digest;
  }

  /**
   * The strings a {@code reference=} filter value is matched against for one stored name (libimage's
   * filterReferences): the full name, the path, the last path element with tag, and when the name has a
   * tag or digest the same three without it.
   */
  public static List<String> filterCandidates(String name) {
    List<String> out = new ArrayList<>();
    out.add(name);
    String path = path(name);
    out.add(path);
    out.add(name.substring(name.lastIndexOf('/') + 1));
    String trimmed = repository(name);
    if (!name.equals(trimmed)) {
      String tagOrDigest = name.substring(trimmed.length());
      out.add(trimmed);
      out.add(path + tagOrDigest);
      out.add(trimmed.substring(trimmed.lastIndexOf('/') + 1));
    }
    return out;
  }

  /** Whether {@code value} matches any candidate of any of {@code names} with Go's path.Match. */
  public static boolean matchesReference(String value, List<String> names) {
    for (String n : names) {
      for (String c : filterCandidates(n)) {
        if (PathMatch.matches(value, c)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String stripDigest(String name) {
    int at = name.indexOf('@');
    return at < 0 ? name : name.substring(0, at);
  }
}
