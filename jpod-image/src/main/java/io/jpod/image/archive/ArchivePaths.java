package io.jpod.image.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/** Normalizes paths inside an archive or layout so that "./a", "a" and "b/../a" name the same file. */
final class ArchivePaths {
  private ArchivePaths() {}

  /**
   * The canonical form of {@code path} (no leading "/" or "./", no "." or ".." segments), or
   * {@code null} if it climbs out of the archive root, which no legitimate reference does.
   */
  static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** Resolves a symlink target found in entry {@code linkPath} (relative targets start at its directory). */
  static String resolveSymlink(String linkPath, String target) {
    if (target.startsWith("/")) {
      return normalize(target);
    }
    int slash = linkPath.lastIndexOf('/');
    return normalize(slash < 0 ? target : linkPath.substring(0, slash + 1) + target);
  }
}
