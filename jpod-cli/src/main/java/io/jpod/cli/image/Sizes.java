package io.jpod.cli.image;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Byte counts as podman prints them (docker/go-units, decimal units): {@code images} and
 * {@code history} use three significant digits with a space ({@code 2.14 MB}), {@code system df} go-units'
 * HumanSize, four digits and no space ({@code 4.283MB}). Digits are Go's {@code %.*g}, so a value that
 * rounds up to the next power of ten prints in exponent form ({@code 1e+03 kB}), as podman's does.
 */
public final class Sizes {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};

  private Sizes() {}

  /** {@code images}/{@code history}: HumanSizeWithPrecision(size, 3) with a space before the unit. */
  public static String spaced(long bytes) {
    String s = withPrecision(bytes, 3);
    int i = s.length();
    while (i > 0 && Character.isLetter(s.charAt(i - 1))) {
      i--;
    }
    return s.substring(0, i) + " " + s.substring(i);
  }

  /** {@code system df}: go-units HumanSize (four significant digits, no space). */
  public static String human(long bytes) {
    return withPrecision(bytes, 4);
  }

  /** go-units HumanSizeWithPrecision: {@code %.<precision>g} of the value in the largest unit below it. */
  public static String withPrecision(double size, int precision) {
    int i = 0;
    while (size >= 1000 && i < UNITS.length - 1) {
      size /= 1000;
      i++;
    }
    return goG(size, precision) + UNITS[i];
  }

  /** Go's {@code fmt.Sprintf("%.*g", precision, v)} for v ≥ 0. */
  static String goG(double v, int precision) {
    if (v == 0) {
      return "0";
    }
    BigDecimal bd = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= precision) {
      String digits = bd.unscaledValue().toString().replaceAll("0+$", "");
      String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
      return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
    return bd.stripTrailingZeros().toPlainString();
  }
}
