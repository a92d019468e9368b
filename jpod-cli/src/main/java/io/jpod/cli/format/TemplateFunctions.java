package io.jpod.cli.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Go's built-in template functions plus podman's ({@code json}, {@code join}, {@code split},
 * {@code upper}, {@code lower}, {@code title}, {@code truncate}, {@code pad}) and a few string helpers
 * ({@code contains}, {@code hasPrefix}, {@code hasSuffix}, {@code replace}) that take the subject string
 * last so they read well in a pipeline: {@code {{.Name | hasPrefix "web"}}}.
 * A function failure throws IllegalArgumentException; the evaluator reports it as {@code error calling X}.
 */
final class TemplateFunctions {
  private TemplateFunctions() {}

  private static final Map<String, Function<List<Object>, Object>> FUNCS = new HashMap<>();

  static {
    FUNCS.put("and", a -> {
      arity(a, 1, -1);
      for (Object o : a) {
        if (!GoValues.truth(o)) {
          return o;
        }
      }
      return a.getLast();
    });
    FUNCS.put("or", a -> {
      arity(a, 1, -1);
      for (Object o : a) {
        if (GoValues.truth(o)) {
          return o;
        }
      }
      return a.getLast();
    });
    FUNCS.put("not", a -> !GoValues.truth(arity(a, 1, 1).getFirst()));
    FUNCS.put("len", a -> len(arity(a, 1, 1).getFirst()));
    FUNCS.put("index", TemplateFunctions::index);
    FUNCS.put("slice", TemplateFunctions::slice);
    FUNCS.put("print", GoPrintf::sprint);
    FUNCS.put("println", GoPrintf::sprintln);
    FUNCS.put("printf", a -> GoPrintf.sprintf(str(arity(a, 1, -1).getFirst()), a.subList(1, a.size())));
    FUNCS.put("eq", a -> {
      arity(a, 2, -1);
      for (Object o : a.subList(1, a.size())) {
        if (compare(a.getFirst(), o, true) == 0) {
          return true;
        }
      }
      return false;
    });
    FUNCS.put("ne", a -> compare(arity(a, 2, 2).get(0), a.get(1), true) != 0);
    FUNCS.put("lt", a -> compare(arity(a, 2, 2).get(0), a.get(1), false) < 0);
    FUNCS.put("le", a -> compare(arity(a, 2, 2).get(0), a.get(1), false) <= 0);
    FUNCS.put("gt", a -> compare(arity(a, 2, 2).get(0), a.get(1), false) > 0);
    FUNCS.put("ge", a -> compare(arity(a, 2, 2).get(0), a.get(1), false) >= 0);
    FUNCS.put("json", a -> GoJson.compact(arity(a, 1, 1).getFirst()));
    FUNCS.put("join", a -> {
      Object list = arity(a, 2, 2).get(0);
      if (!GoValues.isList(list)) {
        throw new IllegalArgumentException("wrong type for value; expected []string; got " + GoValues.typeName(list));
      }
      return GoValues.asList(list).stream().map(GoValues::print).collect(Collectors.joining(str(a.get(1))));
    });
    FUNCS.put("split", a -> {
      String s = str(arity(a, 2, 2).get(0));
      String sep = str(a.get(1));
      if (sep.isEmpty()) {
        return s.codePoints().mapToObj(Character::toString).map(x -> (Object) x).toList();
      }
      return new ArrayList<Object>(Arrays.asList(s.split(java.util.regex.Pattern.quote(sep), -1)));
    });
    FUNCS.put("upper", a -> str(arity(a, 1, 1).getFirst()).toUpperCase());
    FUNCS.put("lower", a -> str(arity(a, 1, 1).getFirst()).toLowerCase());
    FUNCS.put("title", a -> title(str(arity(a, 1, 1).getFirst())));
    FUNCS.put("truncate", a -> {
      String s = str(arity(a, 2, 2).get(0));
      int n = (int) integer(a.get(1));
      return s.length() < n ? s : s.substring(0, Math.max(0, n));
    });
    FUNCS.put("pad", a -> {
      String s = str(arity(a, 3, 3).get(0));
      return s.isEmpty() ? s : " ".repeat((int) integer(a.get(1))) + s + " ".repeat((int) integer(a.get(2)));
    });
    FUNCS.put("contains", a -> str(arity(a, 2, 2).get(1)).contains(str(a.get(0))));
    FUNCS.put("hasPrefix", a -> str(arity(a, 2, 2).get(1)).startsWith(str(a.get(0))));
    FUNCS.put("hasSuffix", a -> str(arity(a, 2, 2).get(1)).endsWith(str(a.get(0))));
    FUNCS.put("replace", a -> str(arity(a, 3, 3).get(2)).replace(str(a.get(0)), str(a.get(1))));
  }

  static boolean exists(String name) {
    return FUNCS.containsKey(name);
  }

  static Object call(String name, List<Object> args) {
    return FUNCS.get(name).apply(args);
  }

  private static List<Object> arity(List<Object> a, int min, int max) {
    if (a.size() < min || (max >= 0 && a.size() > max)) {
      throw new IllegalArgumentException("wrong number of args: got " + a.size() + " want "
          + (min == max ? String.valueOf(min) : "at least " + min));
    }
    return a;
  }

  static String str(Object o) {
    o = GoValues.unwrap(o);
    if (o instanceof String s) {
      return s;
    }
    if (o instanceof HeaderValue h) {
      return h.text();
    }
    throw new IllegalArgumentException("wrong type for value; expected string; got " + GoValues.typeName(o));
  }

  private static long integer(Object o) {
    o = GoValues.unwrap(o);
    if (GoValues.isInteger(o)) {
      return ((Number) o).longValue();
    }
    throw new IllegalArgumentException("wrong type for value; expected int; got " + GoValues.typeName(o));
  }

  private static Object len(Object o) {
    o = GoValues.unwrap(o);
    if (o instanceof String s) {
      return (long) s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (o instanceof Map<?, ?> m) {
      return (long) m.size();
    }
    if (GoValues.isList(o)) {
      return (long) GoValues.asList(o).size();
    }
    if (o instanceof HeaderValue h) {
      return (long) h.text().length();
    }
    throw new IllegalArgumentException("len of type " + GoValues.typeName(o));
  }

  private static Object index(List<Object> a) {
    arity(a, 1, -1);
    Object item = GoValues.unwrap(a.getFirst());
    for (Object key : a.subList(1, a.size())) {
      if (item == null || item == GoValues.NO_VALUE) {
        throw new IllegalArgumentException("index of untyped nil");
      }
      if (item instanceof Map<?, ?> m) {
        Object k = key instanceof HeaderValue h ? h.text() : key;
        if (m.containsKey(k)) {
          item = m.get(k);
        } else {
          // Go returns the map's zero value: "" for podman's map[string]string labels.
          item = m.values().stream().allMatch(v -> v instanceof String) ? "" : GoValues.NO_VALUE;
        }
      } else if (GoValues.isList(item) || item instanceof String) {
        long i = integer(key);
        int size = item instanceof String s ? s.length() : GoValues.asList(item).size();
        if (i < 0 || i >= size) {
          throw new IllegalArgumentException("index out of range: " + i);
        }
        item = item instanceof String s ? (long) s.charAt((int) i) : GoValues.asList(item).get((int) i);
      } else if (item instanceof HeaderValue) {
        return item;
      } else {
        throw new IllegalArgumentException("can't index item of type " + GoValues.typeName(item));
      }
      item = GoValues.unwrap(item);
    }
    return item;
  }

  private static Object slice(List<Object> a) {
    arity(a, 1, 3);
    Object item = GoValues.unwrap(a.getFirst());
    int size = item instanceof String s ? s.length() : GoValues.isList(item) ? GoValues.asList(item).size() : -1;
    if (size < 0) {
      throw new IllegalArgumentException("can't slice item of type " + GoValues.typeName(item));
    }
    int from = a.size() > 1 ? (int) integer(a.get(1)) : 0;
    int to = a.size() > 2 ? (int) integer(a.get(2)) : size;
    if (from < 0 || to > size || from > to) {
      throw new IllegalArgumentException("index out of range: " + (from < 0 || from > to ? from : to));
    }
    return item instanceof String s ? s.substring(from, to) : new ArrayList<>(GoValues.asList(item).subList(from, to));
  }

  /** strings.Title: upper-cases the first letter of each word. */
  static String title(String s) {
    StringBuilder sb = new StringBuilder();
    boolean prevSep = true;
    for (int cp : s.codePoints().toArray()) {
      sb.appendCodePoint(prevSep ? Character.toTitleCase(cp) : cp);
      prevSep = !(Character.isLetterOrDigit(cp) || cp == '_');
    }
    return sb.toString();
  }

  /** Go's eq/lt comparisons: integers and floats by value, strings, bools (eq only), nil (eq only). */
  static int compare(Object x, Object y, boolean equality) {
    x = GoValues.unwrap(x);
    y = GoValues.unwrap(y);
    if (x instanceof HeaderValue h) {
      x = h.text();
    }
    if (y instanceof HeaderValue h) {
      y = h.text();
    }
    if (x instanceof Number a && y instanceof Number b) {
      if (GoValues.isInteger(a) && GoValues.isInteger(b)) {
        return Long.compare(a.longValue(), b.longValue());
      }
      if (GoValues.isInteger(a) != GoValues.isInteger(b)) {
        throw new IllegalArgumentException("incompatible types for comparison");
      }
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    if (x instanceof String a && y instanceof String b) {
      return a.compareTo(b);
    }
    if (x instanceof Character || y instanceof Character) {
      return compare(x instanceof Character c ? (long) c : x, y instanceof Character c ? (long) c : y, equality);
    }
    if (equality) {
      boolean xNil = x == null || x == GoValues.NO_VALUE;
      boolean yNil = y == null || y == GoValues.NO_VALUE;
      if (xNil || yNil) {
        return xNil && yNil ? 0 : 1;
      }
      if (x instanceof Boolean && y instanceof Boolean) {
        return x.equals(y) ? 0 : 1;
      }
      if (x instanceof Enum<?> e && y instanceof String s) {
        return e.name().equals(s) ? 0 : 1;
      }
      if (x.getClass() == y.getClass() && !(x instanceof Map) && !GoValues.isList(x)) {
        return Objects.equals(x, y) ? 0 : 1;
      }
      throw new IllegalArgumentException("incompatible types for comparison");
    }
    throw new IllegalArgumentException(
        x != null && y != null && x.getClass() == y.getClass() ? "invalid type for comparison"
            : "incompatible types for comparison");
  }
}
