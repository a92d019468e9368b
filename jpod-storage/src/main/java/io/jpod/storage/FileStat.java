package io.jpod.storage;

import io.jpod.sys.Nodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/** lstat(2) of one path: what layer diffs and change lists compare. */
record FileStat(int mode, int uid, int gid, long size, long rdev, long dev, long ino, int nlink,
    FileTime mtime) {
  private static final String ATTRS = "unix:mode,uid,gid,size,rdev,dev,ino,nlink,lastModifiedTime";

  /** The stat of {@code p} itself (never a symlink's target), or null when it does not exist. */
  static FileStat of(Path p) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (java.nio.file.FileSystemException e) {
      // ENOTDIR: a prefix of p is not a directory, so p does not exist either.
      if (e.getReason() != null && e.getReason().contains("Not a directory")) {
        return null;
      }
      throw e;
    }
    return new FileStat((int) a.get("mode"), (int) a.get("uid"), (int) a.get("gid"), (long) a.get("size"),
        (long) a.get("rdev"), (long) a.get("dev"), (long) a.get("ino"), (int) a.get("nlink"),
        (FileTime) a.get("lastModifiedTime"));
  }

  int type() {
    return mode & Nodes.S_IFMT;
  }

  boolean isDir() {
    return type() == Nodes.S_IFDIR;
  }

  boolean isRegular() {
    return type() == Nodes.S_IFREG;
  }

  boolean isSymlink() {
    return type() == Nodes.S_IFLNK;
  }

  /** overlayfs' whiteout: a character device numbered 0:0. */
  boolean isWhiteout() {
    return type() == Nodes.S_IFCHR && rdev == 0;
  }
}
