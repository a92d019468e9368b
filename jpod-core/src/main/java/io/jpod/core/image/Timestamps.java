package io.jpod.core.image;

import io.jpod.common.JpodException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time values of the {@code until=} filter, read like containers/common's timetype.GetTimestamp: a
 * Go duration back from now ({@code 10m}, {@code 1h30m}), an RFC 3339 timestamp or a shorter form of
 * it (local time when it has no zone), or Unix seconds with optional fraction.
 */
final class Timestamps {
  private static final Pattern DURATION = Pattern.compile("[-+]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:ns|us|µs|ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Pattern UNIX = Pattern.compile("\\d+(\\.\\d{0,9})?");

  private Timestamps() {}

  static Instant parse(String value, Instant now, ZoneOffset localZone) {
    if (!value.equals("0") && DURATION.matcher(value).matches()) {
      return now.minus(goDuration(value));
    }
    boolean inLocation = !(value.chars().anyMatch(c -> c == 'z' || c == 'Z' || c == '+')
        || value.chars().filter(c -> c == '-').count() == 3);
    try {
      if (inLocation) {
        LocalDateTime t = value.contains("T")
            ? value.indexOf(':') < 0 ? LocalDateTime.parse(value + ":00") : LocalDateTime.parse(value)
            : LocalDate.parse(value).atStartOfDay();
        return t.toInstant(localZone);
      }
      String v = value.replace('z', 'Z');
      if (!v.contains("T")) {
        int zone = Math.max(v.indexOf('Z'), Math.max(v.lastIndexOf('+'), v.lastIndexOf('-')));
        return LocalDate.parse(v.substring(0, zone)).atStartOfDay()
            .toInstant(ZoneOffset.of(v.substring(zone)));
      }
      return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
      if (value.contains("-")) {
        throw JpodException.invalid("parsing time \"" + value + "\": " + e.getMessage());
      }
    }
    if (UNIX.matcher(value).matches()) {
      BigDecimal secs = new BigDecimal(value);
      return Instant.ofEpochSecond(secs.longValue(), secs.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
    throw JpodException.invalid("failed to parse value as time or duration: \"" + value + "\"");
  }

  /** Go's time.ParseDuration for the forms podman users type. */
  static Duration goDuration(String s) {
    boolean negative = s.startsWith("-");
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    while (m.find()) {
      BigDecimal v = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos = nanos.add(v.multiply(BigDecimal.valueOf(unit)));
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return negative ? d.negated() : d;
  }
}
