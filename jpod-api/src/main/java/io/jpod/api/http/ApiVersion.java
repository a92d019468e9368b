package io.jpod.api.http;

import io.jpod.common.JpodException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker API version a request names in its path ({@code /v1.41/...}); unversioned paths get the
 * maximum. Versions compare numerically (1.9 &lt; 1.24).
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {
  public static final ApiVersion MIN = new ApiVersion(1, 24);
  public static final ApiVersion MAX = new ApiVersion(1, 47);
  private static final Pattern LIBPOD = Pattern.compile("^/v\\d+(?:\\.\\d+){0,2}(/libpod/.*)$");
  private static final Pattern PREFIX = Pattern.compile("^/v(\\d+)\\.(\\d+)(/.*)$");

  /** The path without its version prefix, and the version (MAX when there is none). */
  public record Split(ApiVersion version, String path) {}

  public static Split split(String path) {
    Matcher lp = LIBPOD.matcher(path);
    if (lp.matches()) {
      return new Split(MAX, lp.group(1)); // podman's clients put their own (4.x) version before /libpod
    }
    Matcher m = PREFIX.matcher(path);
    if (!m.matches()) {
      return new Split(MAX, path);
    }
    ApiVersion v;
    try {
      v = new ApiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    } catch (NumberFormatException e) {
      throw JpodException.invalid("invalid API version in path " + path);
    }
    if (v.compareTo(MAX) > 0) {
      throw JpodException.invalid("client version " + v + " is too new. Maximum supported API version is " + MAX);
    }
    if (v.compareTo(MIN) < 0) {
      throw JpodException.invalid("client version " + v + " is too old. Minimum supported API version is " + MIN
          + ", please upgrade your client to a newer version");
    }
    return new Split(v, m.group(3));
  }

  public boolean atLeast(int maj, int min) {
    return compareTo(new ApiVersion(maj, min)) >= 0;
  }

  @Override
  public int compareTo(ApiVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
