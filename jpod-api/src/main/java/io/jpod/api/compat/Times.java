package io.jpod.api.compat;

import io.jpod.common.JpodException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Docker's time query values: unix seconds (fractional allowed) or RFC 3339. */
final class Times {
  private Times() {}

  static Instant parse(String s) {
    if (s.matches("\\d+(\\.\\d+)?")) {
      int dot = s.indexOf('.');
      long secs = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
      long nanos = 0;
      if (dot >= 0) {
        String frac = (s.substring(dot + 1) + "000000000").substring(0, 9);
        nanos = Long.parseLong(frac);
      }
      return Instant.ofEpochSecond(secs, nanos);
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (RuntimeException e) {
      throw JpodException.invalid("invalid time value \"" + s + "\": not a unix timestamp or RFC 3339 time");
    }
  }
}
