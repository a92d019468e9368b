package io.jpod.cli.format;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Go's nil slice and nil map, for view fields podman leaves unset: a template prints them as
 * {@code []} and {@code map[]} like any empty one, JSON as {@code null}.
 */
public final class GoNil {
  private GoNil() {}

  private static final class NilList extends AbstractList<Object> {
    @Override
    public Object get(int index) {
      throw new IndexOutOfBoundsException(index);
    }

    @Override
    public int size() {
      return 0;
    }
  }

  private static final class NilMap extends AbstractMap<String, Object> {
    @Override
    public Set<Entry<String, Object>> entrySet() {
      return Set.of();
    }
  }

  private static final List<Object> LIST = new NilList();
  private static final Map<String, Object> MAP = new NilMap();

  /** A nil slice. */
  public static List<Object> list() {
    return LIST;
  }

  /** A nil map. */
  public static Map<String, Object> map() {
    return MAP;
  }

  /** {@code values}, or a nil slice when there are none (a Go slice that was never appended to). */
  public static List<?> orNil(List<?> values) {
    return values == null || values.isEmpty() ? LIST : values;
  }

  static boolean isNil(Object v) {
    return v instanceof NilList || v instanceof NilMap;
  }
}
