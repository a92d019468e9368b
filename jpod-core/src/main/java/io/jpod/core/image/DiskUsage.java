package io.jpod.core.image;

import java.time.Instant;
import java.util.List;

/** What {@code system df} reports: one row per image name, per container, per volume. */
public record DiskUsage(List<ImageUsage> images, List<ContainerUsage> containers, List<VolumeUsage> volumes) {
  public DiskUsage {
    images = List.copyOf(images);
    containers = List.copyOf(containers);
    volumes = List.copyOf(volumes);
  }

  /**
   * One image name (an image with several names has several rows, as in podman).
   *
   * @param sharedSize the part shared with a parent or children
   * @param uniqueSize the part only this image uses
   */
  public record ImageUsage(String repository, String tag, String id, Instant created, long size, long sharedSize,
      long uniqueSize, int containers) {}

  /**
   * One container.
   *
   * @param command the container's command
   * @param rwSize the bytes in its writable layer
   * @param status the state as podman names it (created, running, exited, ...)
   */
  public record ContainerUsage(String id, String imageId, List<String> command, int localVolumes, long rwSize,
      Instant created, String status, String name) {}

  /** One volume: how many containers use it and its size. */
  public record VolumeUsage(String name, int links, long size) {}
}
