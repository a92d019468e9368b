package io.jpod.cli.format;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** Go's fmt.Sprintf, Sprint and Sprintln for the verbs template users type. */
final class GoPrintf {
  private GoPrintf() {}

  /** fmt.Sprint: spaces between operands when neither side is a string. */
  static String sprint(List<Object> args) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      Object a = GoValues.unwrap(args.get(i));
      if (i > 0 && !(a instanceof String) && !(GoValues.unwrap(args.get(i - 1)) instanceof String)) {
        sb.append(' ');
      }
      sb.append(GoValues.print(a));
    }
    return sb.toString();
  }

  /** fmt.Sprintln: always spaces, newline appended. */
  static String sprintln(List<Object> args) {
    StringJoiner j = new StringJoiner(" ", "", "\n");
    args.forEach(a -> j.add(GoValues.print(a)));
    return j.toString();
  }

  static String sprintf(String format, List<Object> args) {
    StringBuilder out = new StringBuilder();
    int argi = 0;
    int n = format.length();
    for (int i = 0; i < n; i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      i++;
      boolean minus = false;
      boolean plus = false;
      boolean zero = false;
      boolean space = false;
      boolean sharp = false;
      for (; i < n; i++) {
        char f = format.charAt(i);
        if (f == '-') {
          minus = true;
        } else if (f == '+') {
          plus = true;
        } else if (f == '0') {
          zero = true;
        } else if (f == ' ') {
          space = true;
        } else if (f == '#') {
          sharp = true;
        } else {
          break;
        }
      }
      int width = -1;
      int prec = -1;
      int ws = i;
      while (i < n && Character.isDigit(format.charAt(i))) {
        i++;
      }
      if (i > ws) {
        width = Integer.parseInt(format.substring(ws, i));
      }
      if (i < n && format.charAt(i) == '.') {
        i++;
        int ps = i;
        while (i < n && Character.isDigit(format.charAt(i))) {
          i++;
        }
        prec = i > ps ? Integer.parseInt(format.substring(ps, i)) : 0;
      }
      if (i >= n) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (argi >= args.size()) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      Object arg = GoValues.unwrap(args.get(argi++));
      String s = formatOne(verb, arg, prec, plus, space, sharp);
      boolean numeric = GoValues.isInteger(arg) || GoValues.isFloat(arg);
      out.append(pad(s, width, minus, zero && !minus && numeric && "dfegxXob".indexOf(verb) >= 0));
    }
    if (argi < args.size()) {
      StringJoiner j = new StringJoiner(", ", "%!(EXTRA ", ")");
      for (int k = argi; k < args.size(); k++) {
        j.add(GoValues.typeName(args.get(k)) + "=" + GoValues.print(args.get(k)));
      }
      out.append(j);
    }
    return out.toString();
  }

  private static String pad(String s, int width, boolean left, boolean zeros) {
    int len = s.codePointCount(0, s.length());
    if (width <= len) {
      return s;
    }
    String fill = (zeros ? "0" : " ").repeat(width - len);
    if (left) {
      return s + fill;
    }
    if (zeros && (s.startsWith("-") || s.startsWith("+"))) {
      return s.charAt(0) + fill + s.substring(1);
    }
    return fill + s;
  }

  private static String bad(char verb, Object arg) {
    return "%!" + verb + "(" + GoValues.typeName(arg) + "=" + GoValues.print(arg) + ")";
  }

  private static String formatOne(char verb, Object arg, int prec, boolean plus, boolean space, boolean sharp) {
    boolean isInt = GoValues.isInteger(arg);
    boolean isFloat = GoValues.isFloat(arg);
    switch (verb) {
      case 'v':
        return GoValues.print(arg);
      case 'T':
        return GoValues.typeName(arg);
      case 's':
        if (arg instanceof Number || arg instanceof Boolean) {
          return bad(verb, arg);
        }
        String s = GoValues.print(arg);
        return prec >= 0 && prec < s.length() ? s.substring(0, prec) : s;
      case 'q':
        if (isInt) {
          return "'" + new String(Character.toChars(((Number) arg).intValue())) + "'";
        }
        if (arg instanceof Number || arg instanceof Boolean) {
          return bad(verb, arg);
        }
        return sharp ? "`" + GoValues.print(arg) + "`" : GoJson.quote(GoValues.print(arg), true);
      case 't':
        return arg instanceof Boolean b ? b.toString() : bad(verb, arg);
      case 'd', 'b', 'o', 'x', 'X', 'c':
        if (isInt) {
          BigInteger v = arg instanceof BigInteger bi ? bi : BigInteger.valueOf(((Number) arg).longValue());
          String sign = v.signum() < 0 ? "-" : plus ? "+" : space ? " " : "";
          BigInteger a = v.abs();
          return switch (verb) {
            case 'd' -> sign + a;
            case 'b' -> sign + a.toString(2);
            case 'o' -> sign + (sharp ? "0" : "") + a.toString(8);
            case 'x' -> sign + (sharp ? "0x" : "") + a.toString(16);
            case 'X' -> sign + (sharp ? "0X" : "") + a.toString(16).toUpperCase(Locale.ROOT);
            default -> new String(Character.toChars(v.intValue()));
          };
        }
        if ((verb == 'x' || verb == 'X') && (arg instanceof String || arg instanceof HeaderValue)) {
          StringBuilder hex = new StringBuilder();
          for (byte b : GoValues.print(arg).getBytes(StandardCharsets.UTF_8)) {
            hex.append(String.format(Locale.ROOT, verb == 'x' ? "%02x" : "%02X", b));
          }
          return hex.toString();
        }
        return bad(verb, arg);
      case 'f', 'F', 'e', 'E', 'g', 'G':
        if (!isFloat) {
          return bad(verb, arg);
        }
        double d = ((Number) arg).doubleValue();
        String sign = d < 0 || (d == 0 && 1 / d < 0) ? "" : plus ? "+" : space ? " " : "";
        if ((verb == 'g' || verb == 'G') && prec < 0) {
          String g = GoValues.formatFloat(d, -4, 21);
          return sign + (verb == 'G' ? g.toUpperCase(Locale.ROOT) : g);
        }
        String jf = String.format(Locale.ROOT, "%." + (prec < 0 ? 6 : prec) + Character.toLowerCase(verb), d);
        if (verb == 'e' || verb == 'E') {
          jf = jf.replaceAll("e([+-])(\\d)$", "e$10$2");
        }
        return sign + (Character.isUpperCase(verb) ? jf.toUpperCase(Locale.ROOT) : jf);
      default:
        return bad(verb, arg);
    }
  }
}
