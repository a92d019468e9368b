package io.jpod.common;

import java.math.BigDecimal;
import java.util.Map;

/** Go's {@code time.ParseDuration}, whose syntax podman's duration flags take ("1m30s", "500ms", "-1.5h"). */
public final class GoDuration {
  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** Nanoseconds; IllegalArgumentException with Go's message ({@code time: invalid duration "x"}). */
  public static long parse(String s) {
    String orig = s;
    if (s == null || s.isEmpty()) {
      throw invalid(orig);
    }
    boolean neg = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String num = s.substring(start, i);
      if (num.isEmpty() || num.equals(".") || num.indexOf('.') != num.lastIndexOf('.')) {
        throw invalid(orig);
      }
      int ustart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(ustart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
      }
      Long mult = UNITS.get(unit);
      if (mult == null) {
        throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
      }
      total = total.add(new BigDecimal(num.startsWith(".") ? "0" + num : num).multiply(BigDecimal.valueOf(mult)));
    }
    if (total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw invalid(orig);
    }
    long ns = total.longValue();
    return neg ? -ns : ns;
  }

  /** Go's {@code time.Duration.String()}: {@code 1h2m3.5s}, {@code 80.24957ms}, {@code 1.5µs}, {@code 0s}. */
  public static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long n = Math.abs(nanos);
    if (n < 1_000) {
      return sign + n + "ns";
    }
    if (n < 1_000_000) {
      return sign + fraction(n, 1_000) + "\u00b5s";
    }
    if (n < 1_000_000_000) {
      return sign + fraction(n, 1_000_000) + "ms";
    }
    long h = n / 3_600_000_000_000L;
    long m = n / 60_000_000_000L % 60;
    String s = fraction(n % 60_000_000_000L, 1_000_000_000) + "s";
    return sign + (h > 0 ? h + "h" + m + "m" : m > 0 ? m + "m" : "") + s;
  }

  /** {@code n / unit} with the fraction's trailing zeros (and a bare point) dropped. */
  private static String fraction(long n, long unit) {
    return BigDecimal.valueOf(n).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("time: invalid duration \"" + s + "\"");
  }
}
