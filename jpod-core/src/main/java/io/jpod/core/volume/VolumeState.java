package io.jpod.core.volume;

import java.util.List;

/**
 * A volume's changing state, stored as JSON in the VolumeState table.
 *
 * @param mountedBy the containers that have it mounted right now; its size is podman's MountCount. A
 *     set of ids rather than a counter so that a repeated mount or unmount of one container never
 *     drifts the count.
 * @param needsCopyUp the image's content has not been copied into it yet (first use pending)
 * @param needsChown its directory has not taken the owner of the image's path yet (first use pending)
 */
public record VolumeState(List<String> mountedBy, boolean needsCopyUp, boolean needsChown) {
  public VolumeState {
    mountedBy = mountedBy == null ? List.of() : List.copyOf(mountedBy);
  }

  /** A new, never used volume. */
  public static VolumeState fresh() {
    return new VolumeState(List.of(), true, true);
  }

  public int mountCount() {
    return mountedBy.size();
  }

  public VolumeState withMounted(String ctrId) {
    if (mountedBy.contains(ctrId)) {
      return this;
    }
    var l = new java.util.ArrayList<>(mountedBy);
    l.add(ctrId);
    return new VolumeState(l, needsCopyUp, needsChown);
  }

  public VolumeState withUnmounted(String ctrId) {
    return new VolumeState(mountedBy.stream().filter(c -> !c.equals(ctrId)).toList(), needsCopyUp, needsChown);
  }

  /** After a reboot: mounted by nobody. */
  public VolumeState withNoMounts() {
    return new VolumeState(List.of(), needsCopyUp, needsChown);
  }

  public VolumeState withFirstUseDone() {
    return new VolumeState(mountedBy, false, false);
  }
}
