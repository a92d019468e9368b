package io.jpod.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code SCHILY.xattr.*} records from the raw header bytes of one tar entry. commons-compress
 * decodes PAX values as UTF-8, which corrupts binary xattrs such as {@code security.capability}; the
 * raw bytes the {@link SplittingInputStream} captured still hold them exactly.
 */
final class RawPaxHeaders {
  private static final String XATTR = "SCHILY.xattr.";

  private RawPaxHeaders() {}

  /**
   * The xattrs of the entry whose headers are {@code raw}, read from stream offset {@code start}: the
   * bytes begin with the padding of the previous entry, then come header blocks at 512-byte boundaries
   * (PAX and GNU long-name blocks with their data) and finally the entry's own header.
   */
  static Map<String, byte[]> xattrs(byte[] raw, long start) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    int pos = (int) ((TarWriter.BLOCK - start % TarWriter.BLOCK) % TarWriter.BLOCK);
    while (pos + TarWriter.BLOCK <= raw.length) {
      byte type = raw[pos + 156];
      long size = size(raw, pos + 124);
      int dataStart = pos + TarWriter.BLOCK;
      if (type == 'x' && size >= 0 && dataStart + size <= raw.length) {
        records(raw, dataStart, (int) (dataStart + size), out);
      }
      if (type != 'x' && type != 'g' && type != 'L' && type != 'K') {
        break; // the entry's own header
      }
      if (size < 0) {
        break;
      }
      pos = (int) Math.min(Integer.MAX_VALUE, dataStart + (size + TarWriter.BLOCK - 1) / TarWriter.BLOCK
          * TarWriter.BLOCK);
    }
    return out;
  }

  /** Parses "{@code <len> <key>=<value>\n}" records; a malformed record ends the parse. */
  private static void records(byte[] b, int from, int to, Map<String, byte[]> out) {
    int p = from;
    while (p < to) {
      int sp = p;
      long len = 0;
      while (sp < to && b[sp] >= '0' && b[sp] <= '9' && len < Integer.MAX_VALUE) {
        len = len * 10 + (b[sp] - '0');
        sp++;
      }
      if (sp >= to || b[sp] != ' ' || len <= 0 || p + len > to || b[(int) (p + len - 1)] != '\n') {
        return;
      }
      int end = (int) (p + len - 1);
      int eq = sp + 1;
      while (eq < end && b[eq] != '=') {
        eq++;
      }
      if (eq >= end) {
        return;
      }
      String key = new String(b, sp + 1, eq - sp - 1, StandardCharsets.UTF_8);
      if (key.startsWith(XATTR)) {
        out.put(key.substring(XATTR.length()), Arrays.copyOfRange(b, eq + 1, end));
      }
      p = end + 1;
    }
  }

  /** The octal (or GNU base-256) size field; -1 if it cannot be read. */
  private static long size(byte[] b, int off) {
    if ((b[off] & 0x80) != 0) {
      long v = 0;
      for (int i = 1; i < 12; i++) {
        if (v > (Long.MAX_VALUE >> 8)) {
          return -1;
        }
        v = (v << 8) | (b[off + i] & 0xff);
      }
      return v;
    }
    long v = 0;
    for (int i = 0; i < 12; i++) {
      byte c = b[off + i];
      if (c == 0 || c == ' ') {
        continue; // leading spaces, trailing NUL or space
      }
      if (c < '0' || c > '7') {
        return -1;
      }
      v = v * 8 + (c - '0');
    }
    return v;
  }
}
