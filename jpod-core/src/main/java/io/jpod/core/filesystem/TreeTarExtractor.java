package io.jpod.core.filesystem;

import io.jpod.common.JpodException;
import io.jpod.sys.Nodes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Unpacks a tar stream into a directory inside a root (a container's root filesystem, or the host's
 * "/"), as podman's copier does after chroot: entry names are cleaned so nothing lands outside the
 * root, symlinks in the directories above an entry are followed but only within the root
 * ({@link DirFd#IN_ROOT}), and the entry itself is created without following anything (an existing
 * symlink there is replaced, never written through).
 */
final class TreeTarExtractor {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /**
   * @param owner every entry's owner (podman's chown on copy); null keeps the archive's ids
   * @param overwrite replace a directory by a non-directory and vice versa ({@code --overwrite})
   * @param ignoreDevices skip character and block devices (copies to the host)
   */
  record Options(Owner owner, boolean overwrite, boolean ignoreDevices) {}

  private record DirTime(String path, FileTime mtime) {}

  private final DirFd root;
  private final String dest;
  private final Options options;
  private final List<DirTime> dirTimes = new ArrayList<>();
  private String cachedPath;
  private DirFd cachedDir;

  /** Extracts below {@code dest}, a clean path inside {@code root} that names an existing directory. */
  TreeTarExtractor(DirFd root, String dest, Options options) {
    this.root = root;
    this.dest = dest;
    this.options = options;
  }

  /** Unpacks every entry of the (uncompressed) tar {@code in}. */
  void extract(InputStream in) throws IOException {
    try {
      // The reader asks for every 512-byte header separately: buffer so that is not a read(2) each.
      TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(in, 1 << 16), StandardCharsets.UTF_8.name());
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        try {
          apply(e, tar);
        } catch (IOException failure) {
          // The descriptor paths (/proc/self/fd/N/...) mean nothing to the user: name the entry instead.
          String path = InRootPath.join(dest, InRootPath.clean(e.getName()).substring(1));
          throw JpodException.system("copier: put: error creating \"" + path + "\": " + ContainerCopy.reason(failure), failure);
        }
      }
      // Directory times last: creating their children changed them again.
      for (DirTime d : dirTimes.reversed()) {
        try (DirFd parent = openDir(InRootPath.parent(d.path()))) {
          setTimes(parent.child(InRootPath.name(d.path())), d.mtime());
        }
      }
    } finally {
      if (cachedDir != null) {
        cachedDir.close();
      }
    }
  }

  private void apply(TarArchiveEntry e, InputStream data) throws IOException {
    String path = InRootPath.join(dest, InRootPath.clean(e.getName()).substring(1));
    if (path.equals(dest)) {
      return; // the "./" entry: the destination exists and keeps its own attributes
    }
    DirFd parent = parentDir(InRootPath.parent(path));
    String name = InRootPath.name(path);
    Path target = parent.child(name);
    BasicFileAttributes existing = lstat(target);
    byte flag = e.getLinkFlag();
    if (e.isDirectory()) {
      if (existing != null && !existing.isDirectory()) {
        if (!options.overwrite()) {
          throw exists(path, "mkdir " + path);
        }
        Files.delete(target);
        existing = null;
      }
      if (existing == null) {
        Files.createDirectory(target);
      }
      setOwnerAndMode(target, e, false);
      dirTimes.add(new DirTime(path, FileTime.from(e.getModTime().toInstant())));
      return;
    }
    if ((flag == TarConstants.LF_CHR || flag == TarConstants.LF_BLK) && options.ignoreDevices()) {
      return;
    }
    if (!creates(flag)) {
      return; // pax globals, GNU extensions and the like carry nothing to create
    }
    if (existing != null) {
      if (existing.isDirectory()) {
        if (!options.overwrite()) {
          throw exists(path, "copier: put: error creating file at \"" + path + "\": open " + path);
        }
        deleteTree(parent, name);
      } else {
        Files.delete(target); // a symlink itself, never its target
      }
    }
    switch (flag) {
      case TarConstants.LF_SYMLINK -> Files.createSymbolicLink(target, Path.of(e.getLinkName()));
      case TarConstants.LF_LINK -> {
        String source = InRootPath.join(dest, InRootPath.clean(e.getLinkName()).substring(1));
        try (DirFd sp = openDir(InRootPath.parent(source))) {
          Files.createLink(target, sp.child(InRootPath.name(source)));
        }
        return; // a hard link shares the attributes of its source
      }
      case TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO -> {
        int type = flag == TarConstants.LF_CHR ? Nodes.S_IFCHR : flag == TarConstants.LF_BLK ? Nodes.S_IFBLK : Nodes.S_IFIFO;
        Nodes.mknod(target, type | (e.getMode() & 07777), Nodes.makedev(e.getDevMajor(), e.getDevMinor()));
      }
      default -> {
        // CREATE_NEW + NOFOLLOW: nothing that appeared meanwhile is written through.
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW)) {
          data.transferTo(out);
        }
      }
    }
    setOwnerAndMode(target, e, flag == TarConstants.LF_SYMLINK);
    setTimes(target, FileTime.from(e.getModTime().toInstant()));
  }

  private static boolean creates(byte flag) {
    return switch (flag) {
      case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG, TarConstants.LF_SYMLINK,
          TarConstants.LF_LINK, TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO -> true;
      default -> false;
    };
  }

  /** The directory {@code path} (in the root), created with its missing parents (0755) if needed. */
  private DirFd parentDir(String path) throws IOException {
    if (path.equals(cachedPath)) {
      return cachedDir;
    }
    DirFd dir;
    try {
      dir = openDir(path);
    } catch (NoSuchFileException e) {
      makeDirs(path);
      dir = openDir(path);
    }
    if (cachedDir != null) {
      cachedDir.close();
    }
    cachedPath = path;
    cachedDir = dir;
    return dir;
  }

  private void makeDirs(String path) throws IOException {
    String parentPath = InRootPath.parent(path);
    try (DirFd parent = openOrMake(parentPath)) {
      Path p = parent.child(InRootPath.name(path));
      try {
        Files.createDirectory(p);
      } catch (FileAlreadyExistsException raced) {
        return;
      }
      if (options.owner() != null) {
        Files.setAttribute(p, "unix:uid", options.owner().uid(), NOFOLLOW);
        Files.setAttribute(p, "unix:gid", options.owner().gid(), NOFOLLOW);
      }
      Files.setAttribute(p, "unix:mode", 0755, NOFOLLOW);
    }
  }

  private DirFd openOrMake(String path) throws IOException {
    try {
      return openDir(path);
    } catch (NoSuchFileException e) {
      makeDirs(path);
      return openDir(path);
    }
  }

  private DirFd openDir(String path) throws IOException {
    return root.openDir(InRootPath.relative(path), DirFd.IN_ROOT);
  }

  private void setOwnerAndMode(Path p, TarArchiveEntry e, boolean symlink) throws IOException {
    int uid = options.owner() != null ? options.owner().uid() : (int) e.getLongUserId();
    int gid = options.owner() != null ? options.owner().gid() : (int) e.getLongGroupId();
    // Owner before mode: chown clears the setuid and setgid bits.
    Files.setAttribute(p, "unix:uid", uid, NOFOLLOW);
    Files.setAttribute(p, "unix:gid", gid, NOFOLLOW);
    if (!symlink) {
      Files.setAttribute(p, "unix:mode", e.getMode() & 07777, NOFOLLOW);
    }
  }

  private static void setTimes(Path p, FileTime mtime) {
    try {
      Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(mtime, mtime, null);
    } catch (IOException | UnsupportedOperationException e) {
      // a timestamp is not worth failing a copy for
    }
  }

  /** Removes {@code name} in {@code parent} and everything below it, following no symlink. */
  static void deleteTree(DirFd parent, String name) throws IOException {
    Path p = parent.child(name);
    BasicFileAttributes a = lstat(p);
    if (a == null) {
      return;
    }
    if (a.isDirectory()) {
      try (DirFd dir = parent.openDir(name, DirFd.BENEATH)) {
        for (String child : TreeTarWriter.list(dir.path())) {
          deleteTree(dir, child);
        }
      }
    }
    Files.delete(p);
  }

  private static BasicFileAttributes lstat(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static JpodException exists(String path, String op) {
    return JpodException.invalid("copier: put: error creating \"" + path + "\": " + op + ": file exists");
  }
}
