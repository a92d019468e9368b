package io.jpod.cli.format;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.StringJoiner;
import java.util.TreeMap;

/** How Go's fmt prints values (%v), truthiness, and Go-like type names for error messages. */
final class GoValues {
  private GoValues() {}

  /** A missing map key: printed as {@code <no value>} like Go's invalid reflect.Value. */
  static final Object NO_VALUE = new Object() {
    @Override
    public String toString() {
      return "<no value>";
    }
  };

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("xx zzz", Locale.ROOT);

  static Object unwrap(Object v) {
    if (v instanceof GoStruct s) {
      // only a field lookup cares what struct a view stands for
      return unwrap(s.value());
    }
    if (v instanceof Optional<?> o) {
      return o.orElse(null);
    }
    if (v instanceof Supplier<?> s) {
      // a value computed only when a template names it (ps's {{.Size}})
      return s.get();
    }
    return v;
  }

  static boolean isList(Object v) {
    return v instanceof Collection<?> || (v != null && v.getClass().isArray());
  }

  static List<Object> asList(Object v) {
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (v instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < Array.getLength(v); i++) {
      out.add(Array.get(v, i));
    }
    return out;
  }

  static boolean isInteger(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger;
  }

  static boolean isFloat(Object v) {
    return v instanceof Double || v instanceof Float || v instanceof BigDecimal;
  }

  /** Go's notion of "empty" for if/with/and/or/not. */
  static boolean truth(Object v) {
    v = unwrap(v);
    if (v == null || v == NO_VALUE) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof Number n) {
      return isFloat(n) ? n.doubleValue() != 0 : n.longValue() != 0 || (n instanceof BigInteger bi && bi.signum() != 0);
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (v.getClass().isArray()) {
      return Array.getLength(v) > 0;
    }
    if (v instanceof Duration d) {
      return !d.isZero();
    }
    if (v instanceof HeaderValue h) {
      return !h.text().isEmpty();
    }
    return true;
  }

  /** A Go-ish type name for messages ({@code string}, {@code int}, {@code map[string]interface {}}). */
  static String typeName(Object v) {
    v = unwrap(v);
    if (v == null || v == NO_VALUE) {
      return "<nil>";
    }
    if (v instanceof String || v instanceof HeaderValue) {
      return "string";
    }
    if (isInteger(v)) {
      return "int";
    }
    if (isFloat(v)) {
      return "float64";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Map<?, ?>) {
      return "map[string]interface {}";
    }
    if (isList(v)) {
      return "[]interface {}";
    }
    if (v instanceof Instant || v instanceof ZonedDateTime || v instanceof OffsetDateTime) {
      return "time.Time";
    }
    if (v instanceof Duration) {
      return "time.Duration";
    }
    return v.getClass().getSimpleName();
  }

  /** Go's %v. */
  static String print(Object v) {
    if (v instanceof GoStruct s && s.value() instanceof Map<?, ?> m && s.optional() instanceof java.util.SequencedMap<?, ?>) {
      // a struct whose every field is known, in order: Go's %v prints the values alone, {v1 v2 ...}
      StringJoiner j = new StringJoiner(" ", "{", "}");
      for (var e : s.optional().entrySet()) {
        Object f = m.containsKey(e.getKey()) ? m.get(e.getKey()) : e.getValue();
        j.add(print(f));
      }
      return j.toString();
    }
    v = unwrap(v);
    if (v == NO_VALUE) {
      return "<no value>";
    }
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof HeaderValue h) {
      return h.text();
    }
    if (v instanceof Double || v instanceof Float) {
      return formatFloat(((Number) v).doubleValue(), -4, 21);
    }
    if (v instanceof BigDecimal d) {
      return formatFloat(d.doubleValue(), -4, 21);
    }
    if (v instanceof Character c) {
      return Integer.toString(c);
    }
    if (v instanceof Instant t) {
      return time(t.atZone(ZoneId.systemDefault()));
    }
    if (v instanceof ZonedDateTime z) {
      return time(z);
    }
    if (v instanceof OffsetDateTime o) {
      return time(o.toZonedDateTime());
    }
    if (v instanceof Duration d) {
      return duration(d);
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof Map<?, ?> m) {
      StringJoiner j = new StringJoiner(" ", "map[", "]");
      sorted(m).forEach((k, val) -> j.add(print(k) + ":" + print(val)));
      return j.toString();
    }
    if (isList(v) && !(v instanceof char[])) {
      StringJoiner j = new StringJoiner(" ", "[", "]");
      asList(v).forEach(e -> j.add(print(e)));
      return j.toString();
    }
    if (v instanceof Record r) {
      StringJoiner j = new StringJoiner(" ", "{", "}");
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        j.add(print(TemplateEvaluator.component(r, c)));
      }
      return j.toString();
    }
    return v.toString();
  }

  /** Map entries sorted by key as Go's fmt and text/template do. */
  static Map<Object, Object> sorted(Map<?, ?> m) {
    Map<Object, Object> out = new TreeMap<>((a, b) -> {
      if (a instanceof Number x && b instanceof Number y) {
        return Double.compare(x.doubleValue(), y.doubleValue());
      }
      return String.valueOf(a).compareTo(String.valueOf(b));
    });
    out.putAll(m);
    return out;
  }

  /** Go's time.Time.String(): {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
  static String time(ZonedDateTime z) {
    StringBuilder sb = new StringBuilder(TIME.format(z));
    if (z.getNano() != 0) {
      String frac = String.format(Locale.ROOT, "%09d", z.getNano()).replaceAll("0+$", "");
      sb.append('.').append(frac);
    }
    return sb.append(' ').append(ZONE.format(z)).toString();
  }

  /** Go's time.Duration.String(): {@code 1h2m3.5s}, {@code 1.5ms}, {@code 0s}. */
  static String duration(Duration d) {
    try {
      return io.jpod.common.GoDuration.format(d.toNanos());
    } catch (ArithmeticException e) {
      return d.toString();
    }
  }


  /** Go's strconv.FormatFloat(f, 'g', -1, 64) with exponent thresholds (fmt %v: -4/21; JSON: -6/21). */
  static String formatFloat(double d, int minExp, int maxExp) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = b.precision() - b.scale() - 1;
    if (exp < minExp || exp >= maxExp) {
      String digits = b.unscaledValue().abs().toString();
      String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
      String e = String.format(Locale.ROOT, "%02d", Math.abs(exp));
      return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + e;
    }
    return b.toPlainString();
  }
}
