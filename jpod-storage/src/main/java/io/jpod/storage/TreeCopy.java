package io.jpod.storage;

import io.jpod.common.JpodException;
import io.jpod.sys.Errno;
import io.jpod.sys.Nodes;
import io.jpod.sys.Xattrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies a directory tree with everything a root filesystem needs (what containers/storage's
 * {@code drivers/copy.DirCopy} does for vfs): owners, modes including setuid/setgid/sticky, access and
 * modification times to the nanosecond, extended attributes, symlinks (never followed), hard links
 * (kept as links within the copy), character and block devices, fifos and sockets. It never leaves
 * the source's filesystem, so a mount inside the source is not copied.
 *
 * <p>Times must survive exactly: vfs finds a container's changes by comparing its tree with its image's
 * (see {@link NaiveDiff}), so a copy that touched mtimes would report every file as changed.
 */
final class TreeCopy {
  private static final System.Logger LOG = System.getLogger(TreeCopy.class.getName());
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final String ATTRS = "unix:mode,uid,gid,rdev,dev,ino,nlink,lastModifiedTime,lastAccessTime";

  private final boolean ignoreChownErrors;
  // (dev, ino) of a source inode with several links → its first copy, which later names link to.
  private final Map<String, Path> linked = new HashMap<>();
  private long rootDev;

  private TreeCopy(boolean ignoreChownErrors) {
    this.ignoreChownErrors = ignoreChownErrors;
  }

  /** Copies the directory {@code src} to {@code dst}, which must not exist yet. */
  static void copy(Path src, Path dst, boolean ignoreChownErrors) throws IOException {
    TreeCopy c = new TreeCopy(ignoreChownErrors);
    Map<String, Object> a = Files.readAttributes(src, ATTRS, NOFOLLOW);
    c.rootDev = (long) a.get("dev");
    if (((int) a.get("mode") & Nodes.S_IFMT) != Nodes.S_IFDIR) {
      throw new IOException(src + " is not a directory");
    }
    c.entry(src, dst, a);
  }

  /**
   * Copies one entry (not a directory's content) from {@code src} to {@code dst}, which must not exist;
   * what moving a file across filesystems falls back to.
   */
  static void copyEntry(Path src, Path dst, boolean ignoreChownErrors) throws IOException {
    TreeCopy c = new TreeCopy(ignoreChownErrors);
    Map<String, Object> a = Files.readAttributes(src, ATTRS, NOFOLLOW);
    c.rootDev = (long) a.get("dev");
    c.node(src, dst, a);
    c.attributes(src, dst, a);
  }

  private void entry(Path src, Path dst, Map<String, Object> a) throws IOException {
    int type = (int) a.get("mode") & Nodes.S_IFMT;
    if (type == Nodes.S_IFDIR) {
      Files.createDirectory(dst);
      for (String name : DiffWriter.sortedNames(src)) {
        Path s = src.resolve(name);
        Map<String, Object> ca;
        try {
          ca = Files.readAttributes(s, ATTRS, NOFOLLOW);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue;
        }
        if ((long) ca.get("dev") != rootDev) {
          LOG.log(System.Logger.Level.DEBUG, "not copying " + s + ": another filesystem is mounted there");
          continue;
        }
        entry(s, dst.resolve(name), ca);
      }
      attributes(src, dst, a); // last: creating the children changed the directory's mtime
      return;
    }
    if ((int) a.get("nlink") > 1) {
      String key = a.get("dev") + ":" + a.get("ino");
      Path first = linked.putIfAbsent(key, dst);
      if (first != null) {
        Files.createLink(dst, first); // shares the first copy's inode, attributes and all
        return;
      }
    }
    node(src, dst, a);
    attributes(src, dst, a);
  }

  /** Creates {@code dst} as the same kind of node as {@code src}, with its content. */
  private static void node(Path src, Path dst, Map<String, Object> a) throws IOException {
    int mode = (int) a.get("mode");
    int type = mode & Nodes.S_IFMT;
    switch (type) {
      case Nodes.S_IFDIR -> Files.createDirectory(dst);
      // Files.copy copies content only (copy_file_range where possible); never through a symlink.
      case Nodes.S_IFREG -> Files.copy(src, dst, NOFOLLOW);
      case Nodes.S_IFLNK -> Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
      case Nodes.S_IFCHR, Nodes.S_IFBLK, Nodes.S_IFIFO, Nodes.S_IFSOCK ->
          Nodes.mknod(dst, type | (mode & 07777), (long) a.get("rdev"));
      default -> throw new IOException("cannot copy " + src + ": unknown file type " + Integer.toOctalString(type));
    }
  }

  /** Owner, then mode (chown clears setuid/setgid), then xattrs (chown clears security.capability), then times. */
  private void attributes(Path src, Path dst, Map<String, Object> a) {
    int mode = (int) a.get("mode");
    boolean symlink = (mode & Nodes.S_IFMT) == Nodes.S_IFLNK;
    try {
      Nodes.lchown(dst, (int) a.get("uid"), (int) a.get("gid"));
    } catch (JpodException e) {
      if (!ignoreChownErrors) {
        throw e;
      }
      LOG.log(System.Logger.Level.DEBUG, "ignoring chown error on " + dst + ": " + e.getMessage());
    }
    if (!symlink) {
      Nodes.chmod(dst, mode & 07777);
    }
    copyXattrs(src, dst);
    Nodes.setTimes(dst, ((FileTime) a.get("lastAccessTime")).toInstant(),
        ((FileTime) a.get("lastModifiedTime")).toInstant());
  }

  /**
   * Copies the extended attributes of {@code src} to {@code dst}, except overlayfs' own (a vfs tree never
   * carries whiteout markers); a namespace the target does not take is skipped with a warning.
   */
  static void copyXattrs(Path src, Path dst) {
    for (String n : Xattrs.list(src)) {
      if (Whiteouts.isOverlayXattr(n)) {
        continue;
      }
      byte[] v = Xattrs.get(src, n).orElse(null);
      if (v == null) {
        continue;
      }
      int errno = Xattrs.trySet(dst, n, v);
      if (errno == Errno.ENOTSUP || errno == Errno.EPERM) {
        LOG.log(System.Logger.Level.WARNING, "cannot copy xattr " + n + " to " + dst + ": " + Errno.describe(errno));
      } else if (errno != 0) {
        throw JpodException.system("copying xattr " + n + " to " + dst + ": " + Errno.describe(errno));
      }
    }
  }
}
