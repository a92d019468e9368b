package io.jpod.storage;

import io.jpod.common.JpodException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.LinkedHashMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks a layer tarball (plain or gzip) into a layer's {@code diff/} directory without ever writing
 * outside it, and reports the digests and ids that layers.json needs.
 */
public final class LayerExtractor {
  private static final System.Logger LOG = System.getLogger(LayerExtractor.class.getName());
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  /** What an extraction produced; {@code skipped} names entries jpod cannot create yet. */
  public record Result(Digest diffDigest, long diffSize, Digest compressedDigest, long compressedSize,
      boolean gzip, List<Integer> uids, List<Integer> gids, List<String> skipped) {}

  private final Path root;
  private final TreeSet<Integer> uids = new TreeSet<>();
  private final TreeSet<Integer> gids = new TreeSet<>();
  private final List<String> skipped = new ArrayList<>();
  // Directory mtimes are set last: creating children would change them again.
  private final Map<Path, FileTime> dirTimes = new LinkedHashMap<>();

  private LayerExtractor(Path root) {
    this.root = root;
  }

  /** Extracts {@code stream} into the existing directory {@code root}. */
  public static Result extract(InputStream stream, Path root) throws IOException {
    return new LayerExtractor(root).run(stream);
  }

  private Result run(InputStream stream) throws IOException {
    HashingInputStream compressed = new HashingInputStream(stream);
    BufferedInputStream buffered = new BufferedInputStream(compressed, 65536);
    buffered.mark(4);
    byte[] magic = buffered.readNBytes(4);
    buffered.reset();
    boolean gzip = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
    if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
        && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
      throw JpodException.invalid("zstd-compressed layers are not supported yet");
    }
    InputStream plain = gzip ? GzipCompressorInputStream.builder()
        .setInputStream(buffered).setDecompressConcatenated(true).get() : buffered;
    HashingInputStream uncompressed = new HashingInputStream(plain);
    TarArchiveInputStream tar = new TarArchiveInputStream(uncompressed);
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      apply(entry, tar);
    }
    // The DiffID covers the whole tar including trailing padding, and the blob digest the whole input.
    uncompressed.drain();
    compressed.drain();
    List<Path> dirs = new ArrayList<>(dirTimes.keySet());
    for (int i = dirs.size() - 1; i >= 0; i--) {
      setTimes(dirs.get(i), dirTimes.get(dirs.get(i)));
    }
    return new Result(uncompressed.digest(), uncompressed.count(), compressed.digest(),
        compressed.count(), gzip, List.copyOf(uids), List.copyOf(gids), List.copyOf(skipped));
  }

  /** What an entry creates; commons-compress' isFile() is also true for links, so classify by flag. */
  private enum Kind { DIR, FILE, SYMLINK, HARDLINK, UNSUPPORTED }

  private static Kind kind(TarArchiveEntry e) {
    if (e.isSymbolicLink()) {
      return Kind.SYMLINK;
    }
    if (e.isLink()) {
      return Kind.HARDLINK;
    }
    if (e.isDirectory()) {
      return Kind.DIR;
    }
    byte flag = e.getLinkFlag();
    if (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM
        || flag == TarConstants.LF_CONTIG) {
      return Kind.FILE;
    }
    return Kind.UNSUPPORTED;
  }

  private void apply(TarArchiveEntry e, InputStream data) throws IOException {
    List<String> parts = components(e.getName());
    if (!parts.isEmpty() && parts.getLast().startsWith(".wh.")) {
      // Whiteouts need mknod(0:0 char device) / trusted xattrs; only base layers exist so far.
      skip(e, "whiteouts are not supported yet");
      return;
    }
    Kind kind = kind(e);
    if (kind == Kind.UNSUPPORTED) {
      // Devices and fifos need mknod(2), which jpod-sys does not offer yet.
      skip(e, "unsupported tar entry type '" + (char) e.getLinkFlag() + "' (devices, fifos)");
      return;
    }
    if (parts.isEmpty()) {
      if (kind == Kind.DIR) {
        setOwnerAndMode(root, e);
        dirTimes.put(root, FileTime.from(e.getModTime().toInstant()));
        return;
      }
      throw escape(e.getName(), "replaces the layer root");
    }
    Path parent = parentDir(parts, true, e.getName());
    Path target = parent.resolve(parts.getLast());
    BasicFileAttributes existing = attrs(target);
    boolean isDir = kind == Kind.DIR;
    if (existing != null && !(isDir && existing.isDirectory())) {
      if (existing.isDirectory()) {
        FileTrees.deleteRecursively(target);
      } else {
        Files.delete(target); // deletes a symlink itself, never its target
      }
    }
    if (isDir) {
      if (existing == null || !existing.isDirectory()) {
        Files.createDirectory(target);
      }
      dirTimes.put(target, FileTime.from(e.getModTime().toInstant()));
    } else if (kind == Kind.FILE) {
      // CREATE_NEW + NOFOLLOW: fails rather than write through anything that appeared meanwhile.
      try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE, NOFOLLOW)) {
        data.transferTo(out);
      }
    } else if (kind == Kind.SYMLINK) {
      Files.createSymbolicLink(target, Path.of(e.getLinkName()));
    } else {
      Files.createLink(target, hardlinkSource(e));
      return; // a hard link shares the source's inode and attributes
    }
    setOwnerAndMode(target, e);
    if (!isDir) {
      setTimes(target, FileTime.from(e.getModTime().toInstant()));
    }
  }

  private Path hardlinkSource(TarArchiveEntry e) throws IOException {
    List<String> parts = components(e.getLinkName());
    if (parts.isEmpty()) {
      throw escape(e.getName(), "hard link to the layer root");
    }
    Path source = parentDir(parts, false, e.getName()).resolve(parts.getLast());
    BasicFileAttributes a = attrs(source);
    if (a == null) {
      throw JpodException.invalid("layer tar entry \"" + e.getName() + "\": hard link target \""
          + e.getLinkName() + "\" does not exist");
    }
    if (a.isDirectory()) {
      throw JpodException.invalid("layer tar entry \"" + e.getName() + "\": hard link to a directory");
    }
    return source;
  }

  /**
   * Walks {@code parts[0..n-1]} below the root without following symlinks, creating missing directories
   * (0755, as containers/storage does) when {@code create}.
   */
  private Path parentDir(List<String> parts, boolean create, String name) throws IOException {
    Path p = root;
    for (int i = 0; i < parts.size() - 1; i++) {
      p = p.resolve(parts.get(i));
      BasicFileAttributes a = attrs(p);
      if (a == null && create) {
        try {
          Files.createDirectory(p);
          Files.setAttribute(p, "unix:mode", 0755, NOFOLLOW);
          continue;
        } catch (FileAlreadyExistsException raced) {
          a = attrs(p);
        }
      }
      if (a == null) {
        throw JpodException.invalid("layer tar entry \"" + name + "\": " + p + " does not exist");
      }
      if (a.isSymbolicLink()) {
        throw escape(name, "passes through the symbolic link " + root.relativize(p));
      }
      if (!a.isDirectory()) {
        throw JpodException.invalid("layer tar entry \"" + name + "\": " + root.relativize(p)
            + " is not a directory");
      }
    }
    return p;
  }

  /** Splits an entry name into clean components; refuses absolute names and {@code ..}. */
  static List<String> components(String name) {
    if (name.startsWith("/")) {
      throw escape(name, "is an absolute path");
    }
    List<String> out = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw escape(name, "contains a \"..\" component");
      }
      out.add(part);
    }
    return out;
  }

  private void setOwnerAndMode(Path p, TarArchiveEntry e) throws IOException {
    int uid = (int) e.getLongUserId();
    int gid = (int) e.getLongGroupId();
    uids.add(uid);
    gids.add(gid);
    // Owner before mode: chown clears setuid/setgid bits.
    Files.setAttribute(p, "unix:uid", uid, NOFOLLOW);
    Files.setAttribute(p, "unix:gid", gid, NOFOLLOW);
    if (!e.isSymbolicLink()) {
      Files.setAttribute(p, "unix:mode", e.getMode() & 07777, NOFOLLOW);
    }
  }

  private static void setTimes(Path p, FileTime mtime) {
    try {
      Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW).setTimes(mtime, mtime, null);
    } catch (IOException | UnsupportedOperationException e) {
      // Symlink times cannot be set on every platform; content matters more than the timestamp.
      LOG.log(System.Logger.Level.DEBUG, "cannot set times of " + p + ": " + e);
    }
  }

  private void skip(TarArchiveEntry e, String why) {
    LOG.log(System.Logger.Level.WARNING, "skipping layer entry " + e.getName() + ": " + why);
    skipped.add(e.getName());
  }

  private static BasicFileAttributes attrs(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
  }

  private static JpodException escape(String name, String why) {
    return JpodException.invalid("layer tar entry \"" + name + "\" " + why
        + ": refusing to write outside the layer");
  }
}
