package io.jpod.cli;

import java.util.Arrays;
import java.util.Comparator;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Numeric flag values as podman's flag library (pflag over Go's strconv) accepts and rejects them, so
 * a bad number reads {@code invalid argument "x" for "-t, --time" flag: strconv.ParseUint: parsing
 * "x": invalid syntax} as it does with podman. Options that podman declares unsigned use the
 * {@link Uint} or {@link Uint64} converter; other integer options get the signed message.
 */
public final class GoFlags {
  private GoFlags() {}

  /** An unsigned int flag (podman's {@code uint}): negative values are syntax errors, as in Go. */
  public static final class Uint implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      long v = parseUnsigned(value);
      if (v > Integer.MAX_VALUE) {
        throw new TypeConversionException("strconv.ParseUint: parsing \"" + value + "\": value out of range");
      }
      return (int) v;
    }
  }

  /** An unsigned 64-bit flag (podman's {@code uint64}). */
  public static final class Uint64 implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return parseUnsigned(value);
    }
  }

  private static long parseUnsigned(String value) {
    if (!value.matches("\\+?[0-9]+")) {
      throw new TypeConversionException("strconv.ParseUint: parsing \"" + value + "\": invalid syntax");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("strconv.ParseUint: parsing \"" + value + "\": value out of range");
    }
  }

  /**
   * podman's wording for a flag value that did not convert, or null when {@code ex} is not a
   * conversion failure of an option.
   */
  public static String conversionMessage(CommandLine.ParameterException ex) {
    if (!(ex.getArgSpec() instanceof OptionSpec o) || ex.getValue() == null
        || ex.getMessage() == null || !ex.getMessage().startsWith("Invalid value for option")) {
      return null;
    }
    String value = ex.getValue();
    String reason;
    String msg = ex.getMessage();
    int at = msg.indexOf("strconv.");
    if (at >= 0) {
      reason = msg.substring(at);
    } else if (isInteger(o.type())) {
      reason = "strconv.ParseInt: parsing \"" + value + "\": "
          + (value.matches("[-+]?[0-9]+") ? "value out of range" : "invalid syntax");
    } else if (o.type() == Double.class || o.type() == double.class || o.type() == Float.class || o.type() == float.class) {
      reason = "strconv.ParseFloat: parsing \"" + value + "\": invalid syntax";
    } else {
      return null;
    }
    String[] names = o.names().clone();
    Arrays.sort(names, Comparator.comparingInt(String::length));
    return "invalid argument \"" + value + "\" for \"" + String.join(", ", names) + "\" flag: " + reason;
  }

  private static boolean isInteger(Class<?> t) {
    return t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class || t == short.class;
  }
}
