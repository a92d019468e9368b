package io.jpod.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds crafted tarballs for tests. */
final class Tars {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

  Tars() {
    this(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  /** A builder whose long names use {@code longFileMode} (e.g. GNU ././@LongLink records). */
  Tars(int longFileMode) {
    tar.setLongFileMode(longFileMode);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  static Tars gnu() {
    return new Tars(TarArchiveOutputStream.LONGFILE_GNU);
  }

  Tars dir(String name, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
    e.setMode(040000 | mode);
    e.setModTime(1_000_000_000_000L);
    return put(e, null);
  }

  Tars file(String name, String content) {
    return file(name, content, 0644, 0, 0);
  }

  Tars file(String name, String content, int mode, int uid, int gid) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    e.setSize(data.length);
    e.setMode(0100000 | mode);
    e.setUserId(uid);
    e.setGroupId(gid);
    e.setModTime(1_000_000_000_000L);
    return put(e, data);
  }

  Tars bytes(String name, byte[] data, int mode) {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(data.length);
    e.setMode(0100000 | mode);
    e.setModTime(1_000_000_000_000L);
    return put(e, data);
  }

  Tars dir(String name, int mode, int uid, int gid) {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
    e.setMode(040000 | mode);
    e.setUserId(uid);
    e.setGroupId(gid);
    e.setModTime(1_000_000_000_000L);
    return put(e, null);
  }

  /** A character ('3') or block ('4') device. */
  Tars device(String name, byte type, int major, int minor, int mode, int uid) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setDevMajor(major);
    e.setDevMinor(minor);
    e.setMode(mode);
    e.setUserId(uid);
    e.setModTime(1_000_000_000_000L);
    return put(e, null);
  }

  /**
   * A PAX extended header with raw (possibly binary) values, written by hand because commons-compress
   * re-encodes values as UTF-8; it applies to the next entry.
   */
  Tars pax(Map<String, byte[]> records) {
    byte[] data = TarWriter.paxRecords(records);
    TarArchiveEntry e = new TarArchiveEntry("PaxHeaders/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC, true);
    e.setSize(data.length);
    e.setModTime(0); // whole seconds: commons-compress would add a PAX header of its own for nanoseconds
    return put(e, data);
  }

  /** An entry with any type flag and payload. */
  Tars typed(String name, byte type, byte[] data) {
    TarArchiveEntry e = new TarArchiveEntry(name, type, true);
    e.setSize(data.length);
    e.setModTime(1_000_000_000_000L);
    return put(e, data);
  }

  Tars symlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
    e.setModTime(1_000_000_000_000L);
    e.setLinkName(target);
    return put(e, null);
  }

  Tars hardlink(String name, String target) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
    e.setModTime(1_000_000_000_000L);
    e.setLinkName(target);
    return put(e, null);
  }

  Tars fifo(String name) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
    e.setModTime(1_000_000_000_000L);
    return put(e, null);
  }

  Tars fifo(String name, int mode, int uid) {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
    e.setModTime(1_000_000_000_000L);
    e.setMode(mode);
    e.setUserId(uid);
    return put(e, null);
  }

  private Tars put(TarArchiveEntry e, byte[] data) {
    try {
      tar.putArchiveEntry(e);
      if (data != null) {
        tar.write(data);
      }
      tar.closeArchiveEntry();
      return this;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  byte[] bytes() {
    try {
      tar.finish();
      tar.close();
      return bytes.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static byte[] zstd(byte[] data) {
    return com.github.luben.zstd.Zstd.compress(data);
  }

  static byte[] gzip(byte[] data) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(data);
      }
      return out.toByteArray();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
