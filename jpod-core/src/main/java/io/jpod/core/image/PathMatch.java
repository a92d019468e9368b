package io.jpod.core.image;

/**
 * Go's {@code path.Match}, which podman's {@code reference=} filter uses: {@code *} matches any run of
 * characters other than {@code /}, {@code ?} one such character, {@code [a-z]} / {@code [^a-z]} a class,
 * {@code \} escapes. A malformed pattern matches nothing (podman ignores the error).
 */
final class PathMatch {
  private PathMatch() {}

  static boolean matches(String pattern, String name) {
    try {
      return match(pattern, 0, name, 0);
    } catch (IllegalArgumentException bad) {
      return false;
    }
  }

  private static boolean match(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      switch (c) {
        case '*' -> {
          int rest = pi + 1;
          while (rest < p.length() && p.charAt(rest) == '*') {
            rest++;
          }
          // Try every split of the non-'/' run at si, shortest first.
          for (int k = si; ; k++) {
            if (match(p, rest, s, k)) {
              return true;
            }
            if (k >= s.length() || s.charAt(k) == '/') {
              return false;
            }
          }
        }
        case '?' -> {
          if (si >= s.length() || s.charAt(si) == '/') {
            return false;
          }
          pi++;
          si++;
        }
        case '[' -> {
          int end = classEnd(p, pi);
          if (si >= s.length() || !classMatches(p, pi + 1, end, s.charAt(si))) {
            return false;
          }
          pi = end + 1;
          si++;
        }
        case '\\' -> {
          if (pi + 1 >= p.length()) {
            throw new IllegalArgumentException("bad pattern");
          }
          if (si >= s.length() || s.charAt(si) != p.charAt(pi + 1)) {
            return false;
          }
          pi += 2;
          si++;
        }
        default -> {
          if (si >= s.length() || s.charAt(si) != c) {
            return false;
          }
          pi++;
          si++;
        }
      }
    }
    return si == s.length();
  }

  /** Index of the ']' closing the class opened at {@code open}. */
  private static int classEnd(String p, int open) {
    int i = open + 1;
    if (i < p.length() && p.charAt(i) == '^') {
      i++;
    }
    boolean first = true;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ']' && !first) {
        return i;
      }
      if (c == '\\') {
        i++;
      }
      first = false;
      i++;
    }
    throw new IllegalArgumentException("bad pattern");
  }

  private static boolean classMatches(String p, int from, int end, char ch) {
    boolean negate = p.charAt(from) == '^';
    int i = negate ? from + 1 : from;
    boolean hit = false;
    while (i < end) {
      char lo = p.charAt(i) == '\\' ? p.charAt(++i) : p.charAt(i);
      i++;
      char hi = lo;
      if (i + 1 < end && p.charAt(i) == '-') {
        hi = p.charAt(i + 1) == '\\' ? p.charAt(i + 2) : p.charAt(i + 1);
        i += p.charAt(i + 1) == '\\' ? 3 : 2;
      }
      if (lo <= ch && ch <= hi) {
        hit = true;
      }
    }
    return hit != negate;
  }
}
