package io.jpod.storage;

import io.jpod.sys.Xattrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * containers/storage's "naive diff" ({@code pkg/archive/changes.go ChangesDirs}), which drivers without
 * a native one (vfs) use: walk a layer's complete tree and its parent's side by side. A path only in
 * the layer is added, one only in the parent deleted (just the top of a deleted subtree), one in both
 * changed when its type, mode, owner, device number, mtime, size (not for directories), link target or
 * extended attributes differ; a directory holding changes is listed as changed itself.
 *
 * <p>Entries come in walk order (depth first, names bytewise within a directory, a directory before its
 * content), which is a valid order for a tar; {@link #sorted} gives {@code podman diff}'s order.
 */
final class NaiveDiff {
  private final List<Change> out = new ArrayList<>();
  private long rootDev;

  private NaiveDiff() {}

  /** The changes of {@code layer} against {@code parent} (null: against nothing), in walk order. */
  static List<Change> compute(Path layer, Path parent) throws IOException {
    NaiveDiff d = new NaiveDiff();
    FileStat root = FileStat.of(layer);
    if (root == null || !root.isDir()) {
      throw new IOException(layer + " is not a directory");
    }
    d.rootDev = root.dev();
    d.dir(layer, parent, "", true);
    return List.copyOf(d.out);
  }

  /** {@code changes} sorted by path, bytewise (what {@code podman diff} prints). */
  static List<Change> sorted(List<Change> changes) {
    List<Change> s = new ArrayList<>(changes);
    s.sort(java.util.Comparator.comparing(Change::path, DiffWriter.BYTEWISE));
    return List.copyOf(s);
  }

  /**
   * Compares directory {@code dir} of the layer with {@code old} of the parent (null when the parent has
   * no directory there); {@code listed}: the directory itself is already in the list (or is the root).
   */
  private void dir(Path dir, Path old, String path, boolean listed) throws IOException {
    int mark = out.size();
    TreeSet<String> names = new TreeSet<>(DiffWriter.BYTEWISE);
    names.addAll(DiffWriter.sortedNames(dir));
    if (old != null) {
      names.addAll(DiffWriter.sortedNames(old));
    }
    for (String name : names) {
      Path n = dir.resolve(name);
      Path o = old == null ? null : old.resolve(name);
      FileStat ns = FileStat.of(n);
      FileStat os = o == null ? null : FileStat.of(o);
      String p = path + "/" + name;
      if (ns == null) {
        if (os != null) {
          out.add(new Change(Change.Kind.DELETED, p));
        }
        continue;
      }
      if (ns.dev() != rootDev) {
        continue; // something is mounted there (a running container's view): not the layer's content
      }
      boolean added = false;
      if (os == null) {
        out.add(new Change(Change.Kind.ADDED, p));
        added = true;
      } else if (different(n, ns, o, os)) {
        out.add(new Change(Change.Kind.CHANGED, p));
        added = true;
      }
      if (ns.isDir()) {
        dir(n, os != null && os.isDir() ? o : null, p, added);
      }
    }
    if (out.size() > mark && !listed) {
      // A directory whose content changed is part of the diff, so its own attributes travel too.
      out.add(mark, new Change(Change.Kind.CHANGED, path));
    }
  }

  private static boolean different(Path n, FileStat ns, Path o, FileStat os) throws IOException {
    if (ns.mode() != os.mode() || ns.uid() != os.uid() || ns.gid() != os.gid() || ns.rdev() != os.rdev()
        || !sameTime(ns, os) || (!ns.isDir() && ns.size() != os.size())) {
      return true;
    }
    if (ns.isSymlink() && !Files.readSymbolicLink(n).equals(Files.readSymbolicLink(o))) {
      return true;
    }
    return !sameXattrs(n, o);
  }

  /** Go's sameFsTimeSpec: equal seconds, and equal nanoseconds unless one side has none. */
  private static boolean sameTime(FileStat a, FileStat b) {
    var x = a.mtime().toInstant();
    var y = b.mtime().toInstant();
    return x.getEpochSecond() == y.getEpochSecond()
        && (x.getNano() == y.getNano() || x.getNano() == 0 || y.getNano() == 0);
  }

  private static boolean sameXattrs(Path a, Path b) {
    Map<String, byte[]> x = xattrs(a);
    Map<String, byte[]> y = xattrs(b);
    if (!x.keySet().equals(y.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : x.entrySet()) {
      if (!Arrays.equals(e.getValue(), y.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The xattrs a layer carries (as {@link DiffWriter} writes them): not overlayfs' own, not SELinux labels. */
  private static Map<String, byte[]> xattrs(Path p) {
    Map<String, byte[]> out = new TreeMap<>();
    for (String n : Xattrs.list(p)) {
      if (Whiteouts.isOverlayXattr(n) || n.equals("security.selinux")) {
        continue;
      }
      Xattrs.get(p, n).ifPresent(v -> out.put(n, v));
    }
    return out;
  }
}
