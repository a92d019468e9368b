package io.jpod.core.filesystem;

import io.jpod.common.JpodException;
import io.jpod.sys.Nodes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a file tree as a tar stream the way podman's archives look: entries depth first with names
 * sorted bytewise, no "./" prefix, the full st_mode in the mode field, whole-second mtimes, host user
 * and group names, hard links as link entries, devices and fifos as themselves, sockets left out.
 * Directories are walked through descriptors ({@link DirFd#BENEATH}) and every entry is looked at with
 * lstat, so a symlink in the tree is archived as a symlink and never followed, even if a running
 * container swaps things around while it is read.
 */
final class TreeTarWriter implements AutoCloseable {
  /** Orders names by their UTF-8 bytes, as Go's filepath.Walk does. */
  static final Comparator<String> BYTEWISE =
      Comparator.comparing((String s) -> s.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);
  private static final String ATTRS = "unix:mode,uid,gid,size,rdev,dev,ino,nlink,lastModifiedTime";

  /**
   * @param owner when set, every entry gets this uid:gid (podman's ChownFiles/ChownDirs on reading)
   * @param dirSlash directory names end in "/" ({@code export}) or not ({@code cp})
   * @param excludes in-root paths left out with everything below them
   */
  record Options(Owner owner, boolean dirSlash, Set<String> excludes) {
    Options {
      excludes = Set.copyOf(excludes);
    }
  }

  private final BufferedOutputStream buffer;
  private final TarArchiveOutputStream tar;
  private final Options options;
  private final HostNames names;
  // "dev:ino" of files with several links → the name of the first one archived
  private final Map<String, String> links = new HashMap<>();
  private boolean finished;

  TreeTarWriter(OutputStream out, Options options, HostNames names) {
    // 512-byte records: the archive ends after its two zero blocks, as Go's tar writer ends it. The
    // writer hands on every record by itself, so a buffer keeps that from costing a write(2) each.
    this.buffer = new BufferedOutputStream(out, 1 << 16);
    this.tar = new TarArchiveOutputStream(buffer, 512, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    this.options = options;
    this.names = names;
  }

  /**
   * Archives the directory {@code dir} itself (as {@code entryName}, unless that is empty) and
   * everything below it. {@code inRootPath} is its path inside its root, for the excludes.
   */
  void writeDirectory(DirFd dir, String inRootPath, String entryName) throws IOException {
    if (excluded(inRootPath)) {
      return;
    }
    if (!entryName.isEmpty()) {
      writeEntry(Files.readAttributes(dir.path(), ATTRS), dir.path(), entryName);
    }
    children(dir, inRootPath, entryName);
  }

  /**
   * Archives {@code name} in {@code parent} as {@code entryName}: a file, a symlink (not followed), or a
   * directory with everything below it.
   */
  void writeItem(DirFd parent, String name, String inRootPath, String entryName) throws IOException {
    if (excluded(inRootPath)) {
      return;
    }
    Path p = parent.child(name);
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, ATTRS, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return; // removed while the tree was being read: it is simply not in the archive
    }
    int type = (int) a.get("mode") & Nodes.S_IFMT;
    if (type == Nodes.S_IFSOCK) {
      return; // sockets cannot be archived
    }
    DirFd sub;
    try {
      writeEntry(a, p, entryName);
      if (type != Nodes.S_IFDIR) {
        return;
      }
      sub = parent.openDir(name, DirFd.BENEATH);
    } catch (IOException e) {
      // Name the file as the user knows it, not by its descriptor path.
      throw JpodException.system("copier: get: " + inRootPath + ": " + ContainerCopy.reason(e), e);
    }
    try (sub) {
      children(sub, inRootPath, entryName);
    }
  }

  /** Writes the end-of-archive blocks (once); the underlying stream stays open. */
  void finish() throws IOException {
    if (!finished) {
      finished = true;
      tar.finish();
    }
    buffer.flush();
  }

  /** Finishes the archive; the underlying stream stays open. */
  @Override
  public void close() throws IOException {
    finish();
  }

  private void children(DirFd dir, String inRootPath, String entryName) throws IOException {
    String prefix = entryName.isEmpty() ? "" : entryName + "/";
    String base = inRootPath.equals("/") ? "/" : inRootPath + "/";
    for (String child : list(dir.path())) {
      writeItem(dir, child, base + child, prefix + child);
    }
  }

  private void writeEntry(Map<String, Object> a, Path p, String entryName) throws IOException {
    int mode = (int) a.get("mode");
    int type = mode & Nodes.S_IFMT;
    TarArchiveEntry e;
    boolean content = false;
    switch (type) {
      case Nodes.S_IFDIR -> e = new TarArchiveEntry(options.dirSlash() ? entryName + "/" : entryName, TarConstants.LF_DIR);
      case Nodes.S_IFLNK -> {
        e = new TarArchiveEntry(entryName, TarConstants.LF_SYMLINK);
        e.setLinkName(Files.readSymbolicLink(p).toString());
      }
      case Nodes.S_IFCHR, Nodes.S_IFBLK -> {
        e = new TarArchiveEntry(entryName, type == Nodes.S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        long rdev = (long) a.get("rdev");
        e.setDevMajor(Nodes.major(rdev));
        e.setDevMinor(Nodes.minor(rdev));
      }
      case Nodes.S_IFIFO -> e = new TarArchiveEntry(entryName, TarConstants.LF_FIFO);
      default -> {
        String key = a.get("dev") + ":" + a.get("ino");
        String first = (int) a.get("nlink") > 1 ? links.putIfAbsent(key, entryName) : null;
        if (first != null) {
          e = new TarArchiveEntry(entryName, TarConstants.LF_LINK);
          e.setLinkName(first);
        } else {
          e = new TarArchiveEntry(entryName, TarConstants.LF_NORMAL);
          e.setSize((long) a.get("size"));
          content = true;
        }
      }
    }
    int uid = options.owner() != null ? options.owner().uid() : (int) a.get("uid");
    int gid = options.owner() != null ? options.owner().gid() : (int) a.get("gid");
    e.setMode(mode);
    e.setUserId(Integer.toUnsignedLong(uid));
    e.setGroupId(Integer.toUnsignedLong(gid));
    e.setUserName(names.user(uid));
    e.setGroupName(names.group(gid));
    long secs = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.SECONDS);
    e.setModTime(FileTime.from(secs, TimeUnit.SECONDS));
    tar.putArchiveEntry(e);
    if (content && e.getSize() > 0) {
      copyContent(p, e.getSize());
    }
    tar.closeArchiveEntry();
  }

  /**
   * Exactly {@code size} bytes of the file: a file that shrank while being read is padded with zeros,
   * one that grew is cut, since the header already promised the size.
   */
  private void copyContent(Path p, long size) throws IOException {
    long left = size;
    byte[] buf = new byte[65536];
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        tar.write(buf, 0, n);
        left -= n;
      }
    }
    Arrays.fill(buf, (byte) 0);
    while (left > 0) {
      int n = (int) Math.min(buf.length, left);
      tar.write(buf, 0, n);
      left -= n;
    }
  }

  private boolean excluded(String inRootPath) {
    return options.excludes().contains(inRootPath);
  }

  static List<String> list(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        out.add(p.getFileName().toString());
      }
    }
    out.sort(BYTEWISE);
    return out;
  }
}
