package io.jpod.sys;

/**
 * One line of a user namespace's uid_map or gid_map: {@code size} ids starting at {@code containerId}
 * inside are {@code hostId}... outside.
 */
public record IdMap(long containerId, long hostId, long size) {

  public IdMap {
    if (containerId < 0 || hostId < 0 || size <= 0) {
      throw new IllegalArgumentException("invalid id mapping " + containerId + ":" + hostId + ":" + size);
    }
  }

  /** The host id {@code id} maps to, or -1 when outside every range. */
  public static long toHost(java.util.List<IdMap> maps, long id) {
    for (IdMap m : maps) {
      if (id >= m.containerId && id < m.containerId + m.size) {
        return m.hostId + (id - m.containerId);
      }
    }
    return -1;
  }

  /** podman's text form, CONTAINER:HOST:SIZE. */
  @Override
  public String toString() {
    return containerId + ":" + hostId + ":" + size;
  }
}
