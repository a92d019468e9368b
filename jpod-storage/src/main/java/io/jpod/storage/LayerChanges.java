package io.jpod.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The change list of one layer against the layers below it, as containers/storage's overlay driver
 * computes it for {@code podman diff}: a whiteout is a deletion, a path visible in the lower layers is a
 * change, anything else an addition; a directory whose mode, size and mtime match the one below is not
 * listed by itself, but every ancestor of an addition or deletion is listed as changed.
 */
final class LayerChanges {
  private final List<Path> lowers;
  private final List<Change> out = new ArrayList<>();
  private final Set<String> changedDirs = new HashSet<>();
  private final Map<Path, Boolean> opaque = new HashMap<>();

  private LayerChanges(List<Path> lowers) {
    this.lowers = lowers;
  }

  /** The changes in {@code diffDir} against {@code lowers} (diff dirs, nearest first), sorted by path. */
  static List<Change> compute(Path diffDir, List<Path> lowers) throws IOException {
    LayerChanges c = new LayerChanges(lowers);
    c.walk(diffDir, new ArrayList<>());
    c.out.sort(Comparator.comparing(Change::path, DiffWriter.BYTEWISE));
    return List.copyOf(c.out);
  }

  private void walk(Path dir, List<String> parts) throws IOException {
    for (String name : DiffWriter.sortedNames(dir)) {
      Path p = dir.resolve(name);
      FileStat st = FileStat.of(p);
      if (st == null) {
        continue;
      }
      parts.add(name);
      visit(p, st, parts);
      if (st.isDir()) {
        walk(p, parts);
      }
      parts.removeLast();
    }
  }

  private void visit(Path p, FileStat st, List<String> parts) throws IOException {
    String path = "/" + String.join("/", parts);
    Change.Kind kind;
    FileStat below = st.isWhiteout() ? null : visibleBelow(parts);
    if (st.isWhiteout()) {
      kind = Change.Kind.DELETED;
    } else if (below != null && st.isDir() && Whiteouts.isOpaque(p)) {
      // containers/storage reports a directory that was removed and made again as deleted.
      kind = Change.Kind.DELETED;
    } else if (below == null) {
      kind = Change.Kind.ADDED;
    } else if (st.isDir() && below.isDir() && st.mode() == below.mode() && st.size() == below.size()
        && sameTime(st, below)) {
      return; // only holds changes; listed below if one of them is an addition or deletion
    } else {
      kind = Change.Kind.CHANGED;
    }
    if (st.isDir()) {
      changedDirs.add(path);
    }
    if (kind != Change.Kind.CHANGED) {
      // Every ancestor of an addition or deletion changed, whatever its attributes say.
      for (int i = parts.size() - 1; i >= 1; i--) {
        String ancestor = "/" + String.join("/", parts.subList(0, i));
        if (changedDirs.add(ancestor)) {
          out.add(new Change(Change.Kind.CHANGED, ancestor));
        }
      }
    }
    out.add(new Change(kind, path));
  }

  /**
   * What {@code parts} is in the merged view of the lower layers, or null when no lower layer shows it:
   * never following symlinks, stopping at whiteouts, non-directories and opaque directories above it.
   */
  private FileStat visibleBelow(List<String> parts) throws IOException {
    for (Path lower : lowers) {
      Path p = lower;
      boolean hidesLower = false;
      for (int k = 0; k < parts.size(); k++) {
        p = p.resolve(parts.get(k));
        FileStat st = FileStat.of(p);
        if (st == null) {
          if (hidesLower) {
            return null;
          }
          break; // not in this layer: look further down
        }
        if (st.isWhiteout()) {
          return null;
        }
        if (k == parts.size() - 1) {
          return st;
        }
        if (!st.isDir()) {
          return null;
        }
        if (opaque.computeIfAbsent(p, Whiteouts::isOpaque)) {
          hidesLower = true;
        }
      }
    }
    return null;
  }

  /** Equal times, or equal seconds where one side lost its nanoseconds to a tar round trip. */
  private static boolean sameTime(FileStat a, FileStat b) {
    var x = a.mtime().toInstant();
    var y = b.mtime().toInstant();
    if (x.equals(y)) {
      return true;
    }
    if (x.getNano() != 0 && y.getNano() != 0) {
      return false;
    }
    long xs = x.getEpochSecond();
    long ys = y.getEpochSecond();
    // Truncated, or rounded up to the next second by the tool that wrote the tar.
    return xs == ys || (y.getNano() == 0 && xs == ys - 1) || (x.getNano() == 0 && xs - 1 == ys);
  }
}
