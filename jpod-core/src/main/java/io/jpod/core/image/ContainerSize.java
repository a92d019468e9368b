package io.jpod.core.image;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's disk usage as podman's {@code ps --size} and {@code inspect --size} report it.
 *
 * @param rootFsSize the bytes in the image layers under the container (its "virtual" size)
 * @param rwSize the bytes in its writable layer
 */
public record ContainerSize(long rootFsSize, long rwSize) {
  /**
   * A copy of an inspect or list document with SizeRw and SizeRootFs right after {@code key}, where
   * podman's and Docker's structs place them (after GraphDriver in inspect, after Ports in Docker's list).
   */
  public Map<String, Object> placedAfter(Map<String, Object> doc, String key) {
    Map<String, Object> out = new LinkedHashMap<>();
    doc.forEach((k, v) -> {
      out.put(k, v);
      if (k.equals(key)) {
        out.put("SizeRw", rwSize);
        out.put("SizeRootFs", rootFsSize);
      }
    });
    return out;
  }

  /** libpod's list form: {@code "Size": {"rootFsSize": ..., "rwSize": ...}}. */
  public Map<String, Object> asListField() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rootFsSize", rootFsSize);
    m.put("rwSize", rwSize);
    return m;
  }
}
