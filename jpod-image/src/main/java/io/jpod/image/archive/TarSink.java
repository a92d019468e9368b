package io.jpod.image.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an archive's tar stream with the header bytes Go's archive/tar produces for podman: USTAR
 * headers (octal fields NUL-terminated, owner 0:0 without names, mtime 0), PAX records only for what
 * USTAR cannot hold (names or link targets over 100 bytes, files of 8 GiB or more), and two zero
 * blocks at the end without further padding. So jpod's archive of an image is byte for byte podman's.
 * Not thread-safe; writers serialize.
 */
final class TarSink {
  private static final int BLOCK = 512;
  private static final long MAX_SIZE_OCTAL = 077777777777L;
  private static final byte REGULAR = '0';
  private static final byte SYMLINK = '2';
  private static final byte DIRECTORY = '5';
  private static final byte PAX = 'x';

  private final OutputStream out;

  /** Writes to {@code out}, which {@link #finish} flushes but does not close. */
  TarSink(OutputStream out) {
    this.out = out;
  }

  /** A regular file of exactly {@code size} bytes from {@code data}. */
  void file(String name, int mode, long size, InputStream data) throws IOException {
    header(name, REGULAR, mode, size, "");
    byte[] buf = new byte[65536];
    long left = size;
    while (left > 0) {
      int n = data.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException(name + " shrank while being archived (" + (size - left) + " of " + size + " bytes)");
      }
      out.write(buf, 0, n);
      left -= n;
    }
    if (data.read() >= 0) {
      throw new IOException(name + " grew while being archived (more than " + size + " bytes)");
    }
    pad(size);
  }

  void file(String name, int mode, byte[] data) throws IOException {
    header(name, REGULAR, mode, data.length, "");
    out.write(data);
    pad(data.length);
  }

  void symlink(String name, String target) throws IOException {
    header(name, SYMLINK, 0, 0, target);
  }

  void directory(String name, int mode) throws IOException {
    header(name.endsWith("/") ? name : name + "/", DIRECTORY, mode, 0, "");
  }

  /** Writes the end-of-archive marker (two zero blocks) and flushes. */
  void finish() throws IOException {
    out.write(new byte[2 * BLOCK]);
    out.flush();
  }

  private void header(String name, byte type, int mode, long size, String link) throws IOException {
    Map<String, String> pax = new TreeMap<>();
    if (!fits(name, 100)) {
      pax.put("path", name);
    }
    if (!fits(link, 100)) {
      pax.put("linkpath", link);
    }
    if (size > MAX_SIZE_OCTAL) {
      pax.put("size", Long.toString(size));
    }
    if (!pax.isEmpty()) {
      paxHeader(name, pax);
    }
    byte[] h = new byte[BLOCK];
    string(h, 0, 100, name);
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size > MAX_SIZE_OCTAL ? 0 : size);
    octal(h, 136, 12, 0);
    h[156] = type;
    string(h, 157, 100, link);
    octal(h, 329, 8, 0);
    octal(h, 337, 8, 0);
    writeBlock(h);
  }

  /** A PAX extended header for the next entry, laid out as Go's writer does it. */
  private void paxHeader(String name, Map<String, String> records) throws IOException {
    StringBuilder data = new StringBuilder();
    records.forEach((k, v) -> data.append(paxRecord(k, v)));
    byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
    String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    int slash = trimmed.lastIndexOf('/');
    String paxName = (slash < 0 ? "" : trimmed.substring(0, slash + 1)) + "PaxHeaders.0/" + trimmed.substring(slash + 1);
    byte[] h = new byte[BLOCK];
    string(h, 0, 100, paxName);
    octal(h, 100, 8, 0);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, bytes.length);
    octal(h, 136, 12, 0);
    h[156] = PAX;
    writeBlock(h);
    out.write(bytes);
    pad(bytes.length);
  }

  /** {@code "<len> key=value\n"}, where len counts the whole record including its own digits. */
  private static String paxRecord(String key, String value) {
    int body = key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 3;
    int size = body + Integer.toString(body).length();
    if (Integer.toString(size).length() != Integer.toString(body).length()) {
      size = body + Integer.toString(size).length();
    }
    return size + " " + key + "=" + value + "\n";
  }

  /** Sets the USTAR magic and the checksum (six octal digits, NUL, space), then writes the block. */
  private void writeBlock(byte[] h) throws IOException {
    System.arraycopy(("ustar\0" + "00").getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    out.write(h);
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      out.write(new byte[BLOCK - rest]);
    }
  }

  private static boolean fits(String s, int length) {
    return s.length() <= length && s.chars().allMatch(c -> c < 0x80);
  }

  /** ASCII text, cut to the field (the full value then travels in a PAX record). */
  private static void string(byte[] h, int offset, int length, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, h, offset, Math.min(bytes.length, length));
  }

  /** Zero-padded octal digits filling all but the last byte of the field, which stays NUL. */
  private static void octal(byte[] h, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
    string(h, offset, length - 1, padded);
    h[offset + length - 1] = 0;
  }
}
