package io.jpod.storage;

import io.jpod.sys.Nodes;
import io.jpod.sys.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Arrays;
import java.util.Comparator;
import java.nio.charset.StandardCharsets;

/**
 * Writes a layer's {@code diff/} directory as an OCI layer tar: entries in a fixed order (depth first,
 * names sorted bytewise within a directory) with times in whole seconds and no user or group names, so
 * the same tree always yields the same bytes; overlay whiteouts become {@code .wh.} files again.
 */
final class DiffWriter {
  private final TarWriter tar;
  /** Whether the tree is an overlay diff dir (whiteout devices, opaque xattrs) or a plain tree (vfs). */
  private final boolean overlay;
  // (dev, ino) of files with several links → the first name written, which later names link to.
  private final Map<String, String> linked = new HashMap<>();

  private DiffWriter(OutputStream out, boolean overlay) {
    this.tar = new TarWriter(out);
    this.overlay = overlay;
  }

  /** Writes the tar of the overlay diff dir {@code diffDir} to {@code out} (not closed). */
  static void write(Path diffDir, OutputStream out) throws IOException {
    DiffWriter w = new DiffWriter(out, true);
    w.children(diffDir, "");
    w.tar.finish();
  }

  /**
   * Writes the tar of a change list of the plain tree {@code root} (a vfs layer; see {@link NaiveDiff}),
   * in the list's order: each added or changed path as itself (a directory without its content, which
   * has entries of its own), each deleted one as a {@code .wh.} file owned by 0:0 with the mtime of the
   * directory it was in (not the current time, as containers/storage has it: the same trees always
   * give the same bytes).
   */
  static void writeChanges(Path root, List<Change> changes, OutputStream out) throws IOException {
    DiffWriter w = new DiffWriter(out, false);
    for (Change c : changes) {
      String name = c.path().substring(1);
      if (c.kind() == Change.Kind.DELETED) {
        FileStat dir = FileStat.of(parentOf(name).isEmpty() ? root : root.resolve(parentOf(name)));
        long mtime = dir == null ? 0 : dir.mtime().toInstant().getEpochSecond();
        w.tar.header(new TarWriter.Header(parentOf(name) + Whiteouts.PREFIX + baseOf(name), TarWriter.REG, 0,
            0, 0, 0, mtime, null, 0, 0, null));
      } else {
        w.entry(root.resolve(name), name, false);
      }
    }
    w.tar.finish();
  }

  private void children(Path dir, String prefix) throws IOException {
    for (String name : sortedNames(dir)) {
      entry(dir.resolve(name), prefix + name, true);
    }
  }

  /** Orders names by their UTF-8 bytes, as Go's filepath.Walk does (UTF-16 order differs slightly). */
  static final Comparator<String> BYTEWISE =
      Comparator.comparing((String s) -> s.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

  /** The names in a directory, in {@link #BYTEWISE} order. */
  static List<String> sortedNames(Path dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        names.add(p.getFileName().toString());
      }
    }
    names.sort(BYTEWISE);
    return names;
  }

  /** One entry; {@code recurse}: a directory's content follows it. */
  private void entry(Path p, String name, boolean recurse) throws IOException {
    FileStat st = FileStat.of(p);
    if (st == null) {
      return; // removed while we walked (a running container)
    }
    long mtime = st.mtime().toInstant().getEpochSecond();
    int perm = st.mode() & 07777;
    if (overlay && st.isWhiteout()) {
      String wh = parentOf(name) + Whiteouts.PREFIX + baseOf(name);
      tar.header(new TarWriter.Header(wh, TarWriter.REG, 0, st.uid(), st.gid(), 0, mtime, null, 0, 0,
          null));
      return;
    }
    Map<String, byte[]> xattrs = xattrs(p);
    switch (st.type()) {
      case Nodes.S_IFDIR -> {
        tar.header(new TarWriter.Header(name + "/", TarWriter.DIR, perm, st.uid(), st.gid(), 0, mtime,
            null, 0, 0, xattrs));
        if (overlay && Whiteouts.isOpaque(p)) {
          tar.header(new TarWriter.Header(name + "/" + Whiteouts.OPAQUE_MARKER, TarWriter.REG,
              perm & 0777, st.uid(), st.gid(), 0, mtime, null, 0, 0, null));
        }
        if (recurse) {
          children(p, name + "/");
        }
      }
      case Nodes.S_IFREG -> {
        if (st.nlink() > 1) {
          String key = st.dev() + ":" + st.ino();
          String first = linked.putIfAbsent(key, name);
          if (first != null) {
            tar.header(new TarWriter.Header(name, TarWriter.LINK, perm, st.uid(), st.gid(), 0, mtime,
                first, 0, 0, xattrs));
            return;
          }
        }
        try (InputStream in = Files.newInputStream(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
          tar.header(new TarWriter.Header(name, TarWriter.REG, perm, st.uid(), st.gid(), st.size(), mtime,
              null, 0, 0, xattrs));
          tar.payload(in, st.size(), name);
        }
      }
      case Nodes.S_IFLNK -> tar.header(new TarWriter.Header(name, TarWriter.SYMLINK, perm, st.uid(),
          st.gid(), 0, mtime, Files.readSymbolicLink(p).toString(), 0, 0, xattrs));
      case Nodes.S_IFCHR, Nodes.S_IFBLK -> tar.header(new TarWriter.Header(name,
          st.type() == Nodes.S_IFCHR ? TarWriter.CHAR : TarWriter.BLOCKDEV, perm, st.uid(), st.gid(), 0,
          mtime, null, Nodes.major(st.rdev()), Nodes.minor(st.rdev()), xattrs));
      case Nodes.S_IFIFO -> tar.header(new TarWriter.Header(name, TarWriter.FIFO, perm, st.uid(), st.gid(),
          0, mtime, null, 0, 0, xattrs));
      default -> {
        // Sockets cannot be archived; tar and containers/storage skip them too.
      }
    }
  }

  /** The xattrs a layer carries: all but overlayfs' own and the host's SELinux label. */
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

  private static String parentOf(String name) {
    int i = name.lastIndexOf('/');
    return i < 0 ? "" : name.substring(0, i + 1);
  }

  private static String baseOf(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
