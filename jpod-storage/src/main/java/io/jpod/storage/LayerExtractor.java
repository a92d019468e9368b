package io.jpod.storage;

import io.jpod.common.JpodException;
import io.jpod.sys.Errno;
import io.jpod.sys.Nodes;
import io.jpod.sys.Xattrs;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Unpacks a layer tarball (plain, gzip or zstd) into a layer's {@code diff/} directory with full
 * fidelity (owners, modes, times, xattrs, links, devices, fifos; OCI whiteouts become overlay
 * whiteouts) without ever writing outside it, optionally recording a {@link TarSplit} on the way, and
 * reports the digests and ids that layers.json needs.
 */
public final class LayerExtractor {
  private static final System.Logger LOG = System.getLogger(LayerExtractor.class.getName());
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  /** Bound on the PAX and long-name headers of one entry, which the tar reader holds in memory. */
  static final long MAX_HEADER_BYTES = 16L << 20;

  /** What an extraction produced; {@code skipped} names entries of types jpod cannot create. */
  public record Result(Digest diffDigest, long diffSize, Digest compressedDigest, long compressedSize,
      Compression compression, List<Integer> uids, List<Integer> gids, List<String> skipped) {
    public boolean gzip() {
      return compression == Compression.GZIP;
    }
  }

  private final Path root;
  private final TarSplit.Writer split;
  private final TreeSet<Integer> uids = new TreeSet<>();
  private final TreeSet<Integer> gids = new TreeSet<>();
  private final List<String> skipped = new ArrayList<>();
  // Directory mtimes are set last: creating children would change them again.
  private final Map<Path, FileTime> dirTimes = new LinkedHashMap<>();
  // Path (relative, '/'-separated) of each file whose content the split references → its record number.
  private final TreeMap<String, Integer> payloadAt = new TreeMap<>();
  private SplittingInputStream splitting;

  private LayerExtractor(Path root, TarSplit.Writer split) {
    this.root = root;
    this.split = split;
  }

  /** Extracts {@code stream} into the existing directory {@code root}. */
  public static Result extract(InputStream stream, Path root) throws IOException {
    return new LayerExtractor(root, null).run(stream, null);
  }

  /** Extracts {@code stream} into {@code root}, recording what re-creating the tar needs in {@code split}. */
  static Result extract(InputStream stream, Path root, TarSplit.Writer split) throws IOException {
    return extract(stream, root, split, null);
  }

  /**
   * As {@link #extract(InputStream, Path, TarSplit.Writer)}; {@code knownBlobDigest}, when not null, is
   * the blob's digest as the caller verifies it, so the compressed stream is not hashed a second time.
   */
  static Result extract(InputStream stream, Path root, TarSplit.Writer split, Digest knownBlobDigest)
      throws IOException {
    return new LayerExtractor(root, split).run(stream, knownBlobDigest);
  }

  private Result run(InputStream stream, Digest knownBlobDigest) throws IOException {
    HashingInputStream compressed = new HashingInputStream(new SourceStream(stream));
    BufferedInputStream buffered = new BufferedInputStream(compressed, 65536);
    Compression compression = Compression.detect(buffered);
    // An uncompressed blob's digest is its DiffID; a known digest needs no second pass either.
    boolean hashBlob = compression != Compression.NONE && knownBlobDigest == null;
    if (!hashBlob) {
      compressed.stopHashing();
    }
    HashingInputStream uncompressed;
    try {
      uncompressed = new HashingInputStream(compression.open(buffered));
    } catch (IOException e) {
      throw streamFailure(e, "layer blob: " + e.getMessage());
    }
    splitting = new SplittingInputStream(uncompressed, split, MAX_HEADER_BYTES);
    TarArchiveInputStream tar = new TarArchiveInputStream(splitting);
    String previous = null;
    while (true) {
      splitting.beginCapture();
      TarArchiveEntry entry;
      try {
        entry = tar.getNextEntry();
      } catch (IOException | RuntimeException e) {
        throw streamFailure(e, "layer tar: invalid header "
            + (previous == null ? "at the start" : "after entry \"" + previous + "\"") + ": " + message(e));
      }
      byte[] headers = splitting.endCapture();
      if (entry == null) {
        break;
      }
      apply(entry, RawPaxHeaders.xattrs(headers, splitting.captureStart()), tar);
      try {
        // What apply did not read (payload of skipped entries) is raw split data; the next capture
        // must start right after this entry's data.
        tar.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        throw streamFailure(e, entryMessage(entry.getName(), message(e)));
      }
      previous = entry.getName();
    }
    try {
      // The DiffID covers the whole tar including trailing blocks, and the blob digest the whole input.
      splitting.drain();
      compressed.drain();
    } catch (IOException e) {
      throw streamFailure(e, "layer tar: " + message(e));
    }
    List<Path> dirs = new ArrayList<>(dirTimes.keySet());
    for (int i = dirs.size() - 1; i >= 0; i--) {
      setTimes(dirs.get(i), dirTimes.get(dirs.get(i)));
    }
    Digest diff = uncompressed.digest();
    Digest blob = hashBlob ? compressed.digest() : knownBlobDigest != null ? knownBlobDigest : diff;
    return new Result(diff, uncompressed.count(), blob,
        compressed.count(), compression, List.copyOf(uids), List.copyOf(gids), List.copyOf(skipped));
  }

  /** What an entry creates; commons-compress' isFile() is also true for links, so classify by flag. */
  private enum Kind { DIR, FILE, SYMLINK, HARDLINK, CHAR, BLOCK, FIFO, UNSUPPORTED }

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
    return switch (e.getLinkFlag()) {
      case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG,
          TarConstants.LF_GNUTYPE_SPARSE -> Kind.FILE;
      case TarConstants.LF_CHR -> Kind.CHAR;
      case TarConstants.LF_BLK -> Kind.BLOCK;
      case TarConstants.LF_FIFO -> Kind.FIFO;
      default -> Kind.UNSUPPORTED;
    };
  }

  private void apply(TarArchiveEntry e, Map<String, byte[]> xattrs, TarArchiveInputStream data)
      throws IOException {
    String name = e.getName();
    List<String> parts = components(name);
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (part.startsWith(Whiteouts.META_PREFIX)
          && !(i == parts.size() - 1 && part.equals(Whiteouts.OPAQUE_MARKER))) {
        // AUFS metadata (.wh..wh.plnk and friends) only matters to AUFS.
        LOG.log(System.Logger.Level.DEBUG, "not extracting AUFS metadata " + name);
        return;
      }
    }
    if (!parts.isEmpty() && parts.getLast().equals(Whiteouts.OPAQUE_MARKER)) {
      Whiteouts.markOpaque(parentDir(parts, true, name));
      return;
    }
    if (!parts.isEmpty() && parts.getLast().startsWith(Whiteouts.PREFIX)) {
      whiteout(e, parts);
      return;
    }
    Kind kind = kind(e);
    if (kind == Kind.UNSUPPORTED) {
      skip(e, "unsupported tar entry type '" + (char) e.getLinkFlag() + "'");
      return;
    }
    if (parts.isEmpty()) {
      if (kind == Kind.DIR) {
        // as containers/storage: the root entry ("./") is passed over, so every layer's root keeps the
        // mode the store gives it (0555) whatever the directory the tar was made from had
        return;
      }
      throw escape(name, "replaces the layer root");
    }
    Path parent = parentDir(parts, true, name);
    Path target = parent.resolve(parts.getLast());
    String rel = String.join("/", parts);
    Path linkSource = kind == Kind.HARDLINK ? hardlinkSource(e) : null;
    if (target.equals(linkSource)) {
      return; // a link to itself changes nothing
    }
    FileStat existing = FileStat.of(target);
    boolean isDir = kind == Kind.DIR;
    if (existing != null && !(isDir && existing.isDir())) {
      removeExisting(target, rel, existing);
    }
    int perm = e.getMode() & 07777;
    switch (kind) {
      case DIR -> {
        if (existing == null || !existing.isDir()) {
          Files.createDirectory(target);
        }
        dirTimes.put(target, e.getLastModifiedTime());
      }
      case FILE -> writeFile(e, data, target, rel);
      case SYMLINK -> Files.createSymbolicLink(target, Path.of(e.getLinkName()));
      case HARDLINK -> {
        Files.createLink(target, linkSource);
        return; // a hard link shares the source's inode and attributes
      }
      case CHAR -> Nodes.mknod(target, Nodes.S_IFCHR | perm, Nodes.makedev(e.getDevMajor(), e.getDevMinor()));
      case BLOCK -> Nodes.mknod(target, Nodes.S_IFBLK | perm,
          Nodes.makedev(e.getDevMajor(), e.getDevMinor()));
      case FIFO -> Nodes.mknod(target, Nodes.S_IFIFO | perm, 0);
      default -> throw new IllegalStateException(kind.name());
    }
    setAttributes(target, e, xattrs);
    if (!isDir) {
      setTimes(target, e.getLastModifiedTime());
    }
  }

  /** Writes a regular file's content, referencing it from the split instead of copying it there. */
  private void writeFile(TarArchiveEntry e, InputStream data, Path target, String rel) throws IOException {
    // Sparse entries expand while read, so their stream bytes are not the file's: keep those inline.
    boolean reference = split != null && !e.isSparse();
    int seq = reference ? split.file(rel, e.getSize()) : -1;
    // CREATE_NEW + NOFOLLOW: fails rather than write through anything that appeared meanwhile.
    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, NOFOLLOW)) {
      if (reference) {
        splitting.beginPayload();
      }
      byte[] buf = new byte[65536];
      int n;
      while ((n = readPayload(e, data, buf)) >= 0) {
        out.write(buf, 0, n);
      }
    } finally {
      if (reference) {
        splitting.endPayload();
      }
    }
    long counted = splitting.lastPayloadBytes();
    if (reference && counted != e.getSize()) {
      // The split would reproduce a different tar; never store a layer that cannot be pushed intact.
      throw JpodException.system(entryMessage(e.getName(), "tar-split counted " + counted + " of "
          + e.getSize() + " content bytes"));
    }
    if (reference) {
      payloadAt.put(rel, seq);
    }
  }

  private static int readPayload(TarArchiveEntry e, InputStream data, byte[] buf) throws IOException {
    try {
      return data.read(buf);
    } catch (IOException ex) {
      throw streamFailure(ex, entryMessage(e.getName(), message(ex)));
    }
  }

  /** {@code dir/.wh.NAME}: overlayfs' whiteout, a 0:0 character device at {@code dir/NAME}. */
  private void whiteout(TarArchiveEntry e, List<String> parts) throws IOException {
    String hidden = parts.getLast().substring(Whiteouts.PREFIX.length());
    if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
      throw escape(e.getName(), "is a whiteout of \"" + hidden + "\"");
    }
    Path target = parentDir(parts, true, e.getName()).resolve(hidden);
    List<String> hiddenParts = new ArrayList<>(parts.subList(0, parts.size() - 1));
    hiddenParts.add(hidden);
    FileStat existing = FileStat.of(target);
    if (existing != null) {
      removeExisting(target, String.join("/", hiddenParts), existing);
    }
    Nodes.mknod(target, Nodes.S_IFCHR, 0);
    // As containers/storage: the whiteout gets the header's owner; its mode stays 0.
    chown(target, e);
    setTimes(target, e.getLastModifiedTime());
  }

  /**
   * Deletes what a later entry replaces. Files whose content the split references are kept (by a
   * hard link) first, so the split can still reproduce the earlier entry.
   */
  private void removeExisting(Path target, String rel, FileStat st) throws IOException {
    if (split != null) {
      Map<String, Integer> gone = st.isDir()
          ? new TreeMap<>(payloadAt.subMap(rel + "/", true, rel + "0", false))
          : payloadAt.containsKey(rel) ? Map.of(rel, payloadAt.get(rel)) : Map.of();
      for (Map.Entry<String, Integer> g : gone.entrySet()) {
        split.preserve(g.getValue(), root.resolve(g.getKey()));
        payloadAt.remove(g.getKey());
      }
    }
    if (st.isDir()) {
      FileTrees.deleteRecursively(target);
    } else {
      Files.delete(target); // deletes a symlink itself, never its target
    }
  }

  private Path hardlinkSource(TarArchiveEntry e) throws IOException {
    List<String> parts = components(e.getLinkName());
    if (parts.isEmpty()) {
      throw escape(e.getName(), "is a hard link to the layer root");
    }
    Path source = parentDir(parts, false, e.getName()).resolve(parts.getLast());
    FileStat a = FileStat.of(source);
    if (a == null) {
      throw JpodException.invalid(entryMessage(e.getName(), "hard link target \"" + e.getLinkName()
          + "\" does not exist"));
    }
    if (a.isDir()) {
      throw JpodException.invalid(entryMessage(e.getName(), "hard link to a directory"));
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
      FileStat a = FileStat.of(p);
      if (a == null && create) {
        try {
          Files.createDirectory(p);
          Nodes.chmod(p, 0755);
          continue;
        } catch (FileAlreadyExistsException raced) {
          a = FileStat.of(p);
        }
      }
      if (a == null) {
        throw JpodException.invalid(entryMessage(name, root.relativize(p) + " does not exist"));
      }
      if (a.isSymlink()) {
        throw escape(name, "passes through the symbolic link " + root.relativize(p));
      }
      if (!a.isDir()) {
        throw JpodException.invalid(entryMessage(name, root.relativize(p) + " is not a directory"));
      }
    }
    return p;
  }

  /** Splits an entry name into clean components; refuses absolute names and {@code ..}. */
  static List<String> components(String name) {
    if (name.startsWith("/")) {
      throw escape(name, "is an absolute path");
    }
    if (name.indexOf('\0') >= 0) {
      throw JpodException.invalid(entryMessage(name, "name contains a NUL byte"));
    }
    List<String> out = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw escape(name, "contains a \"..\" component");
      }
      if (part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
        throw JpodException.invalid(entryMessage(name, "a name component is longer than 255 bytes"));
      }
      out.add(part);
    }
    return out;
  }

  /** Owner, then mode (chown clears setuid/setgid), then xattrs (chown clears security.capability). */
  private void setAttributes(Path p, TarArchiveEntry e, Map<String, byte[]> xattrs) throws IOException {
    chown(p, e);
    if (!e.isSymbolicLink()) {
      Nodes.chmod(p, e.getMode() & 07777);
    }
    for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
      if (Whiteouts.isOverlayXattr(x.getKey())) {
        // Only .wh. entries may make whiteouts; a tar must not steer overlayfs (redirects, origins).
        continue;
      }
      int errno = Xattrs.trySet(p, x.getKey(), x.getValue());
      if (errno == Errno.ENOTSUP || errno == Errno.EPERM) {
        // As containers/storage: not every filesystem (or file type) takes every namespace.
        LOG.log(System.Logger.Level.WARNING, "cannot set xattr " + x.getKey() + " on " + e.getName()
            + ": " + Errno.describe(errno));
      } else if (errno != 0) {
        throw JpodException.system(entryMessage(e.getName(), "setting xattr " + x.getKey() + ": "
            + Errno.describe(errno)));
      }
    }
  }

  // Never through the JDK's attribute views: they open the file, which blocks on a fifo and runs a
  // device driver's open.
  private void chown(Path p, TarArchiveEntry e) {
    int uid = (int) e.getLongUserId();
    int gid = (int) e.getLongGroupId();
    uids.add(uid);
    gids.add(gid);
    Nodes.lchown(p, uid, gid);
  }

  private static void setTimes(Path p, FileTime mtime) {
    try {
      Nodes.setTimes(p, mtime.toInstant(), mtime.toInstant());
    } catch (JpodException e) {
      // A directory replaced later in the tar is gone; content matters more than the timestamp.
      LOG.log(System.Logger.Level.DEBUG, "cannot set times of " + p + ": " + e.getMessage());
    }
  }

  private void skip(TarArchiveEntry e, String why) {
    LOG.log(System.Logger.Level.WARNING, "skipping layer entry " + e.getName() + ": " + why);
    skipped.add(e.getName());
  }

  /**
   * A failure while reading the layer: the source's own I/O errors (a dropped download) pass through
   * as they are, anything the decompressor or tar reader found wrong is the layer's fault.
   */
  private static IOException streamFailure(Throwable e, String invalidMessage) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SourceStream.Failure f) {
        return f.original();
      }
    }
    throw JpodException.invalid(invalidMessage);
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace('\n', ' ');
  }

  private static String entryMessage(String name, String why) {
    return "layer tar entry \"" + name + "\": " + why;
  }

  private static JpodException escape(String name, String why) {
    return JpodException.invalid("layer tar entry \"" + name + "\" " + why
        + ": refusing to write outside the layer");
  }

  /** Marks the I/O errors of the blob source, so they are not mistaken for a corrupt layer. */
  private static final class SourceStream extends FilterInputStream {
    SourceStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        throw new Failure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw new Failure(e);
      }
    }

    static final class Failure extends IOException {
      private final IOException original;

      Failure(IOException original) {
        super(original.getMessage(), original);
        this.original = original;
      }

      IOException original() {
        return original;
      }
    }
  }
}
