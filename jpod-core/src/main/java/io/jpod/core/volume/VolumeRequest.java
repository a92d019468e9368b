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
 * @param imageVolumes {@code --image-volume}: the image's VOLUMEs become anonymous volumes ("bind",
 *     the default), tmpfs mounts ("tmpfs"), or nothing ("ignore")
 */
public record VolumeRequest(List<String> volumes, List<String> mounts, List<String> tmpfs, List<String> volumesFrom,
    String imageVolumes) {
  public VolumeRequest {
    volumes = List.copyOf(volumes);
    mounts = List.copyOf(mounts);
    tmpfs = List.copyOf(tmpfs);
    volumesFrom = List.copyOf(volumesFrom);
    imageVolumes = imageVolumes == null || imageVolumes.isEmpty() ? "bind" : imageVolumes;
    if (!List.of("bind", "tmpfs", "ignore").contains(imageVolumes)) {
      throw io.jpod.common.JpodException.invalid("invalid image volume mode \"" + imageVolumes
          + "\" required value: bind, tmpfs, ignore");
    }
  }

  public VolumeRequest(List<String> volumes, List<String> mounts, List<String> tmpfs, List<String> volumesFrom) {
    this(volumes, mounts, tmpfs, volumesFrom, null);
  }

  public static VolumeRequest none() {
    return new VolumeRequest(List.of(), List.of(), List.of(), List.of());
  }
}
