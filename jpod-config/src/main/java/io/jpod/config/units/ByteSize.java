package io.jpod.config.units;

import io.jpod.common.JpodException;
import java.util.Locale;

/**
 * Parses human-readable byte sizes the way podman does for {@code --memory}, {@code --shm-size},
 * and friends (docker/go-units {@code RAMInBytes}): a non-negative decimal number, an
 * optional space, then an optional unit {@code b}, {@code k}, {@code m}, {@code g}, {@code t} or
 * {@code p} (case-insensitive, binary multiples of 1024) optionally followed by {@code b} or {@code ib}.
 * Fractions are truncated after multiplying: {@code "1.5k"} is 1536, {@code "0.5b"} is 0.
 *
 * <p>Errors carry podman's inner message only ({@code invalid size: 'abc'},
 * {@code invalid suffix: 'x'}); the CLI prefixes the flag.
 */
public final class ByteSize {
  private ByteSize() {}

  public static final long KIB = 1024L;
  public static final long MIB = KIB * 1024;
  public static final long GIB = MIB * 1024;
  public static final long TIB = GIB * 1024;
  public static final long PIB = TIB * 1024;

  /** Parses {@code text} into a number of bytes; throws {@link JpodException} (INVALID_ARGUMENT). */
  public static long parse(String text) {
    return parse(text, 1024);
  }

  /**
   * {@link #parse} with decimal multiples ({@code 10k} is 10000), go-units {@code FromHumanSize}, which
   * podman uses for {@code --log-opt max-size}.
   */
  public static long parseDecimal(String text) {
    return parse(text, 1000);
  }

  private static long parse(String text, long base) {
    if (text == null) {
      throw JpodException.invalid("invalid size: ''");
    }
    int sep = -1;
    for (int i = text.length() - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if ((c >= '0' && c <= '9') || c == '.' || c == ' ') {
        sep = i;
        break;
      }
    }
    if (sep == -1) {
      throw invalidSize(text);
    }
    String num;
    String sfx;
    if (text.charAt(sep) != ' ') {
      num = text.substring(0, sep + 1);
      sfx = text.substring(sep + 1);
    } else {
      num = text.substring(0, sep);
      sfx = text.substring(sep + 1);
    }
    double size = parseNumber(num, text);
    if (sfx.isEmpty()) {
      return toLong(size, text);
    }
    if (sfx.length() > 3) {
      throw invalidSuffix(sfx);
    }
    String lower = sfx.toLowerCase(Locale.ROOT);
    if (lower.charAt(0) == 'b') {
      if (lower.length() > 1) {
        throw invalidSuffix(lower);
      }
      return toLong(size, text);
    }
    int power =
        switch (lower.charAt(0)) {
          case 'k' -> 1;
          case 'm' -> 2;
          case 'g' -> 3;
          case 't' -> 4;
          case 'p' -> 5;
          default -> throw invalidSuffix(lower);
        };
    double mul = Math.pow(base, power);
    if (lower.length() == 2 && lower.charAt(1) != 'b') {
      throw invalidSuffix(lower);
    }
    if (lower.length() == 3 && !lower.endsWith("ib")) {
      throw invalidSuffix(lower);
    }
    return toLong(size * mul, text);
  }

  /**
   * Formats {@code bytes} the short way podman accepts back: the largest binary unit that divides it
   * exactly ({@code 65536k} → {@code "64m"}), else plain bytes.
   */
  public static String format(long bytes) {
    String[] units = {"p", "t", "g", "m", "k"};
    long[] muls = {PIB, TIB, GIB, MIB, KIB};
    for (int i = 0; i < units.length; i++) {
      if (bytes != 0 && bytes % muls[i] == 0) {
        return (bytes / muls[i]) + units[i];
      }
    }
    return Long.toString(bytes);
  }

  private static double parseNumber(String num, String whole) {
    // Go's ParseFloat accepts forms like "1e3" too; podman users write plain decimals, keep it strict.
    if (num.isEmpty()) {
      throw invalidSize(whole);
    }
    boolean digit = false;
    boolean dot = false;
    for (int i = 0; i < num.length(); i++) {
      char c = num.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c == '.' && !dot) {
        dot = true;
      } else if (!(c == '+' && i == 0)) {
        throw invalidSize(whole);
      }
    }
    if (!digit) {
      throw invalidSize(whole);
    }
    return Double.parseDouble(num);
  }

  private static long toLong(double value, String whole) {
    if (value >= 0x1p63) {
      throw JpodException.invalid("invalid size: '" + whole + "': value out of range");
    }
    return (long) value;
  }

  private static JpodException invalidSize(String text) {
    return JpodException.invalid("invalid size: '" + text + "'");
  }

  private static JpodException invalidSuffix(String sfx) {
    return JpodException.invalid("invalid suffix: '" + sfx + "'");
  }
}
