package io.jpod.common;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants as text, by hand for the common shapes. {@link Instant#parse} and {@link Instant#toString}
 * go through {@code DateTimeFormatter}, whose field-resolving machinery costs a fresh (interpreted)
 * jpod process tens of microseconds per timestamp: reading a store of 100-200 containers spent
 * 14-20 % of a {@code create} there. {@link #parse} reads RFC 3339 as Go and jpod write it
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
    // civil date of an epoch day (H. Hinnant's days-to-civil, in 400-year eras from 0000-03-01)
    long z = day + 719_468;
    long era = Math.floorDiv(z, 146_097);
    int dayOfEra = (int) (z - era * 146_097);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int mp = (5 * dayOfYear + 2) / 153;
    int dayOfMonth = dayOfYear - (153 * mp + 2) / 5 + 1;
    int month = mp < 10 ? mp + 3 : mp - 9;
    int year = (int) (era * 400 + yearOfEra) + (month <= 2 ? 1 : 0);
    int nano = instant.getNano();
    char[] out = new char[30];
    put(out, 0, year, 4);
    out[4] = '-';
    put(out, 5, month, 2);
    out[7] = '-';
    put(out, 8, dayOfMonth, 2);
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
    if (day > 28 && day > lengthOfMonth(year, month)) {
      return null;
    }
    long seconds = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nano);
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a valid date of years 0-9999 (H. Hinnant's days-from-civil). */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
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
