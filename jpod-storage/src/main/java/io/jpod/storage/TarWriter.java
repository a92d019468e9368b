package io.jpod.storage;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal, deterministic tar writer: ustar headers, plus a PAX extended header when a value does not
 * fit (long names, large ids or sizes) or xattrs must be carried. Written here rather than taken from
 * commons-compress because PAX values must be raw bytes: {@code SCHILY.xattr.security.capability} is
 * binary and commons-compress would re-encode it as UTF-8.
 */
final class TarWriter {
  static final int BLOCK = 512;
  static final char REG = '0';
  static final char LINK = '1';
  static final char SYMLINK = '2';
  static final char CHAR = '3';
  static final char BLOCKDEV = '4';
  static final char DIR = '5';
  static final char FIFO = '6';

  private static final long MAX_OCTAL_7 = 07777777L;
  private static final long MAX_OCTAL_11 = 077777777777L;

  /** One entry's header; {@code xattrs} are written in key order. */
  record Header(String name, char type, int mode, int uid, int gid, long size, long mtime,
      String linkName, int devMajor, int devMinor, Map<String, byte[]> xattrs) {
    Header {
      linkName = linkName == null ? "" : linkName;
      xattrs = xattrs == null ? Map.of() : xattrs;
    }
  }

  private final OutputStream out;
  private final byte[] zeros = new byte[BLOCK];

  TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes the header blocks of {@code h}; a regular file's payload must follow via {@link #payload}. */
  void header(Header h) throws IOException {
    byte[] name = h.name().getBytes(StandardCharsets.UTF_8);
    byte[] link = h.linkName().getBytes(StandardCharsets.UTF_8);
    TreeMap<String, byte[]> pax = new TreeMap<>();
    byte[][] split = splitName(name);
    if (split == null) {
      pax.put("path", name);
    }
    if (link.length > 100) {
      pax.put("linkpath", link);
    }
    if (h.uid() < 0 || h.uid() > MAX_OCTAL_7) {
      pax.put("uid", Long.toString(Integer.toUnsignedLong(h.uid())).getBytes(StandardCharsets.US_ASCII));
    }
    if (h.gid() < 0 || h.gid() > MAX_OCTAL_7) {
      pax.put("gid", Long.toString(Integer.toUnsignedLong(h.gid())).getBytes(StandardCharsets.US_ASCII));
    }
    if (h.size() > MAX_OCTAL_11) {
      pax.put("size", Long.toString(h.size()).getBytes(StandardCharsets.US_ASCII));
    }
    if (h.mtime() < 0 || h.mtime() > MAX_OCTAL_11) {
      pax.put("mtime", Long.toString(h.mtime()).getBytes(StandardCharsets.US_ASCII));
    }
    for (Map.Entry<String, byte[]> x : new TreeMap<>(h.xattrs()).entrySet()) {
      pax.put("SCHILY.xattr." + x.getKey(), x.getValue());
    }
    if (!pax.isEmpty()) {
      byte[] records = paxRecords(pax);
      String base = h.name().replaceAll("/+$", "");
      base = base.substring(base.lastIndexOf('/') + 1);
      byte[] paxName = truncate(("PaxHeaders.0/" + base).getBytes(StandardCharsets.UTF_8), 100);
      out.write(block(paxName, new byte[0], 'x', 0644, 0, 0, records.length, 0, new byte[0], 0, 0));
      out.write(records);
      pad(records.length);
    }
    byte[] prefix = split == null ? new byte[0] : split[0];
    byte[] shortName = split == null ? truncate(name, 100) : split[1];
    byte[] block = block(shortName, prefix, h.type(), h.mode(), clampId(h.uid()), clampId(h.gid()),
        h.size() > MAX_OCTAL_11 ? 0 : h.size(), Math.clamp(h.mtime(), 0, MAX_OCTAL_11),
        truncate(link, 100), h.devMajor(), h.devMinor());
    out.write(block);
  }

  /** Copies exactly {@code size} bytes of payload from {@code in} and pads to the block size. */
  void payload(InputStream in, long size, String name) throws IOException {
    byte[] buf = new byte[65536];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw JpodException.system("writing tar: " + name + " shrank while it was being read");
      }
      out.write(buf, 0, n);
      left -= n;
    }
    pad(size);
  }

  /** The end-of-archive marker: two zero blocks. */
  void finish() throws IOException {
    out.write(zeros);
    out.write(zeros);
    out.flush();
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      out.write(zeros, 0, BLOCK - rest);
    }
  }

  private static int clampId(int id) {
    return id < 0 || id > MAX_OCTAL_7 ? 0 : id;
  }

  /** ustar's name/prefix split at a slash, or null when the name needs a PAX path record. */
  private static byte[][] splitName(byte[] name) {
    if (name.length <= 100) {
      return new byte[][] {new byte[0], name};
    }
    for (int i = Math.min(name.length - 1, 155); i > 0; i--) {
      if (name[i] == '/' && name.length - i - 1 <= 100 && name.length - i - 1 > 0) {
        return new byte[][] {Arrays.copyOf(name, i), Arrays.copyOfRange(name, i + 1, name.length)};
      }
    }
    return null;
  }

  /** PAX records "{@code <len> <key>=<value>\n}", where len counts the whole record including itself. */
  static byte[] paxRecords(Map<String, byte[]> records) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> r : records.entrySet()) {
      byte[] key = r.getKey().getBytes(StandardCharsets.UTF_8);
      int body = key.length + r.getValue().length + 3; // ' ', '=', '\n'
      int len = body + Integer.toString(body).length();
      if (Integer.toString(len).length() != Integer.toString(body).length()) {
        len = body + Integer.toString(len).length();
      }
      b.writeBytes(Integer.toString(len).getBytes(StandardCharsets.US_ASCII));
      b.write(' ');
      b.writeBytes(key);
      b.write('=');
      b.writeBytes(r.getValue());
      b.write('\n');
    }
    return b.toByteArray();
  }

  private static byte[] block(byte[] name, byte[] prefix, char type, int mode, int uid, int gid, long size,
      long mtime, byte[] link, int devMajor, int devMinor) {
    byte[] b = new byte[BLOCK];
    System.arraycopy(name, 0, b, 0, name.length);
    octal(b, 100, 8, mode & 07777);
    octal(b, 108, 8, uid);
    octal(b, 116, 8, gid);
    octal(b, 124, 12, size);
    octal(b, 136, 12, mtime);
    b[156] = (byte) type;
    System.arraycopy(link, 0, b, 157, link.length);
    System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, b, 257, 8);
    if (type == CHAR || type == BLOCKDEV) {
      octal(b, 329, 8, devMajor);
      octal(b, 337, 8, devMinor);
    }
    System.arraycopy(prefix, 0, b, 345, prefix.length);
    Arrays.fill(b, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte x : b) {
      sum += x & 0xff;
    }
    String chk = String.format("%06o", sum);
    System.arraycopy(chk.getBytes(StandardCharsets.US_ASCII), 0, b, 148, 6);
    b[154] = 0;
    b[155] = ' ';
    return b;
  }

  /** A zero-padded octal number in {@code len - 1} digits followed by NUL. */
  private static void octal(byte[] b, int off, int len, long value) {
    String s = Long.toOctalString(value);
    int digits = len - 1;
    for (int i = 0; i < digits; i++) {
      int from = s.length() - digits + i;
      b[off + i] = (byte) (from < 0 ? '0' : s.charAt(from));
    }
    b[off + digits] = 0;
  }

  private static byte[] truncate(byte[] b, int max) {
    return b.length <= max ? b : Arrays.copyOf(b, max);
  }
}
