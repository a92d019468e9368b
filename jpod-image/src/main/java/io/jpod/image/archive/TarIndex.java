package io.jpod.image.archive;

import io.jpod.common.JpodException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * An uncompressed tar file indexed once (entry name → data offset and size) and then read at random,
 * from any number of threads, with positional reads. This avoids unpacking a multi-gigabyte archive
 * to a temp dir just to read its layers in manifest order.
 */
final class TarIndex implements FileTree, Closeable {
  private static final int BLOCK = 512;
  private static final int MAX_LINK_HOPS = 16;

  private enum Kind { FILE, SYMLINK, HARDLINK, OTHER }

  private record Entry(String name, Kind kind, long offset, long size, String link) {}

  private final String label;
  private final FileChannel channel;
  private final Map<String, Entry> entries;

  private TarIndex(String label, FileChannel channel, Map<String, Entry> entries) {
    this.label = label;
    this.channel = channel;
    this.entries = entries;
  }

  /**
   * Whether the first block of {@code file} is a tar header (a known magic or a valid checksum). A
   * non-tar file is otherwise read as an empty archive by commons-compress.
   */
  static boolean looksLikeTar(Path file) throws IOException {
    byte[] header = new byte[BLOCK];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.wrap(header);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // fill the first block
      }
      if (buf.hasRemaining()) {
        return false;
      }
    }
    if (TarArchiveInputStream.matches(header, BLOCK)) {
      return true;
    }
    try {
      return TarUtils.verifyCheckSum(header); // a V7 tar has no magic, only a checksum
    } catch (IllegalArgumentException e) {
      return false; // the checksum field is not even octal
    }
  }

  /** Indexes {@code file} (call {@link #looksLikeTar} first); {@code label} names it in errors. */
  static TarIndex open(Path file, String label) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      Map<String, Entry> entries = new HashMap<>();
      long end = 0;
      try (TarFile tar = new TarFile(file)) {
        for (TarArchiveEntry e : tar.getEntries()) {
          String name = ArchivePaths.normalize(e.getName());
          if (name == null) {
            throw JpodException.invalid(label + ": entry \"" + e.getName() + "\" points outside the archive");
          }
          Kind kind = e.isSymbolicLink() ? Kind.SYMLINK
              : e.isLink() ? Kind.HARDLINK
              : isPlainFile(e) ? Kind.FILE : Kind.OTHER;
          long size = kind == Kind.FILE ? e.getSize() : 0;
          long offset = e.getDataOffset();
          // Later entries replace earlier ones of the same name, as when a tar is extracted.
          entries.put(name, new Entry(name, kind, offset, size, e.getLinkName()));
          end = Math.max(end, offset + roundUp(e.getSize()));
        }
      } catch (IOException e) {
        throw JpodException.invalid(label + ": truncated or corrupt tar archive (" + e.getMessage() + ")");
      }
      checkTail(channel, end, label);
      return new TarIndex(label, channel, Map.copyOf(entries));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** commons-compress's isFile() also says yes for devices and fifos; only regular data counts here. */
  private static boolean isPlainFile(TarArchiveEntry e) {
    return e.isFile() && !e.isDirectory() && !e.isCharacterDevice() && !e.isBlockDevice() && !e.isFIFO()
        && !e.isSparse();
  }

  /**
   * commons-compress stops quietly at a torn header, so check that whatever follows the last entry is
   * the end-of-archive marker (zero blocks) and that the last entry's data is all there.
   */
  private static void checkTail(FileChannel channel, long end, String label) throws IOException {
    long length = channel.size();
    if (end > length) {
      throw JpodException.invalid(label + ": truncated tar archive");
    }
    if (end == length) {
      return;
    }
    ByteBuffer tail = ByteBuffer.allocate((int) Math.min(BLOCK, length - end));
    channel.read(tail, end);
    byte[] bytes = tail.array();
    if (!Arrays.equals(bytes, new byte[bytes.length])) {
      throw JpodException.invalid(label + ": truncated or corrupt tar archive (garbage after offset " + end + ")");
    }
  }

  private static long roundUp(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  @Override
  public String describe() {
    return label;
  }

  /** The normalized names of all entries. */
  Set<String> names() {
    return entries.keySet();
  }

  private Entry resolve(String path) {
    String name = ArchivePaths.normalize(path);
    for (int hop = 0; name != null && hop < MAX_LINK_HOPS; hop++) {
      Entry e = entries.get(name);
      if (e == null) {
        return null;
      }
      switch (e.kind()) {
        case FILE -> {
          return e;
        }
        case SYMLINK -> name = ArchivePaths.resolveSymlink(e.name(), e.link());
        case HARDLINK -> name = ArchivePaths.normalize(e.link());
        case OTHER -> {
          return null;
        }
      }
    }
    return null;
  }

  @Override
  public long sizeOf(String path) {
    Entry e = resolve(path);
    return e == null ? -1 : e.size();
  }

  @Override
  public InputStream open(String path) {
    Entry e = resolve(path);
    if (e == null) {
      throw JpodException.invalid(label + ": \"" + path + "\" is missing");
    }
    return new SliceInputStream(channel, e.offset(), e.size(), label + ": \"" + path + "\"");
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
