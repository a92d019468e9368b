package io.jpod.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Instants as text, by hand for the common shapes. {@link Instant#parse} and {@link Instant#toString}
 * go through {@code DateTimeFormatter}, whose field-resolving machinery costs a fresh (interpreted)
 * jpod process tens of microseconds per timestamp: reading a store of a few hundred containers spent
 * ~14 % of a {@code create} there. {@link #parse} reads RFC 3339 as Go and jpod write it
 * ({@code 2026-12-03T07:20:00.123456789Z}, {@code +01:00} / {@code -05:30} offsets, 0–9 fraction
 * digits) and leaves anything else to {@code Instant.parse}, so it accepts and means exactly what that
 * accepts; {@link #format} writes what {@code Instant.toString} writes.
 */
public final class InstantText {
  private InstantText() {}

  private static final long SECONDS_PER_DAY = 86_400;
  // 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: four-digit years, what format() writes by hand
  private static final long MIN_FAST_SECOND = -62_167_219_200L;
  private static final long MAX_FAST_SECOND = 253_402_300_799L;
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  /**
   * The instant {@code text} names; throws {@link DateTimeParseException} (the JDK's, with its message)
   * for text that {@code Instant.parse} refuses too.
   */
  public static Instant parse(CharSequence text) {
    Instant fast = parseRfc3339(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** Exactly {@code instant.toString()}: seconds always, the fraction in groups of three digits. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_FAST_SECOND || seconds > MAX_FAST_SECOND) {
      return instant.toString(); // five-digit or negative years: rare, let the JDK sign and pad them
    }
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    LocalDate date = LocalDate.ofEpochDay(day);
    int nano = instant.getNano();
    char[] out = new char[30];
    put(out, 0, date.getYear(), 4);
    out[4] = '-';
    put(out, 5, date.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, date.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    put(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    put(out, 17, secondOfDay % 60, 2);
    int end = 19;
    if (nano > 0) {
      out[end++] = '.';
      if (nano % 1_000_000 == 0) {
        put(out, end, nano / 1_000_000, 3);
        end += 3;
      } else if (nano % 1000 == 0) {
        put(out, end, nano / 1000, 6);
        end += 6;
      } else {
        put(out, end, nano, 9);
        end += 9;
      }
    }
    out[end++] = 'Z';
    return new String(out, 0, end);
  }

  private static void put(char[] out, int at, int value, int digits) {
    for (int i = at + digits - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)} with every field in range, or null for anything
   * else (lower-case separators, leap seconds, other offset forms, out-of-range fields: the JDK decides).
   */
  private static Instant parseRfc3339(CharSequence s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 10 && isDigit(s.charAt(i))) {
        nano = nano * 10 + (s.charAt(i) - '0');
        i++;
      }
      int count = i - start;
      if (count == 0 || count > 9) {
        return null;
      }
      for (int k = count; k < 9; k++) {
        nano *= 10;
      }
    }
    if (i >= n) {
      return null;
    }
    int offsetSeconds;
    char zone = s.charAt(i);
    if (zone == 'Z' && i + 1 == n) {
      offsetSeconds = 0;
    } else if ((zone == '+' || zone == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || om < 0 || om > 59) {
        return null;
      }
      offsetSeconds = oh * 3600 + om * 60;
      if (offsetSeconds > MAX_OFFSET_SECONDS) {
        return null;
      }
      if (zone == '-') {
        offsetSeconds = -offsetSeconds;
      }
    } else {
      return null;
    }
    if (day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nano);
  }

  /** The decimal value of {@code count} ASCII digits at {@code at}, or -1 if one is not a digit. */
  private static int digits(CharSequence s, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
