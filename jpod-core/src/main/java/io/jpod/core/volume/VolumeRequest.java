package io.jpod.core.volume;

import java.util.List;

/**
 * The storage part of a create request as the user gave it; {@link VolumeService#resolve} validates
 * it into {@link MountConfig}s.
 *
 * @param volumes {@code -v} values: [SOURCE:]DEST[:OPTIONS]
 * @param mounts {@code --mount} values: type=...,source=...,destination=...
 * @param tmpfs {@code --tmpfs} values: DEST[:OPTIONS]
 * @param volumesFrom {@code --volumes-from} values: CONTAINER[:ro|rw]
 */
public record VolumeRequest(List<String> volumes, List<String> mounts, List<String> tmpfs, List<String> volumesFrom) {
  public VolumeRequest {
    volumes = List.copyOf(volumes);
    mounts = List.copyOf(mounts);
    tmpfs = List.copyOf(tmpfs);
    volumesFrom = List.copyOf(volumesFrom);
  }

  public static VolumeRequest none() {
    return new VolumeRequest(List.of(), List.of(), List.of(), List.of());
  }
}
