package io.jpod.core.container;

import java.util.List;
import java.util.Map;

/**
 * The parts of an image's config that become a container's defaults; {@code exposedPorts} are the
 * ExposedPorts keys ("80/tcp"), {@code volumes} the Volumes keys (container paths), both sorted;
 * {@code healthcheck} the image's HEALTHCHECK, or null.
 */
public record ImageDefaults(
    String imageId,
    String imageName,
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    String user,
    Map<String, String> labels,
    String stopSignal,
    List<String> exposedPorts,
    List<String> volumes,
    io.jpod.core.supervision.Healthcheck healthcheck) {

  public ImageDefaults {
    env = env == null ? List.of() : List.copyOf(env);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    workingDir = workingDir == null ? "" : workingDir;
    user = user == null ? "" : user;
    stopSignal = stopSignal == null ? "" : stopSignal;
    exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
  }

  /** Defaults without a healthcheck. */
  public ImageDefaults(String imageId, String imageName, List<String> env, List<String> entrypoint, List<String> cmd,
      String workingDir, String user, Map<String, String> labels, String stopSignal, List<String> exposedPorts,
      List<String> volumes) {
    this(imageId, imageName, env, entrypoint, cmd, workingDir, user, labels, stopSignal, exposedPorts, volumes, null);
  }

  /** No image: a {@code --rootfs} container. */
  public static ImageDefaults none(String rootfs) {
    return new ImageDefaults(null, rootfs, List.of(), List.of(), List.of(), "", "", Map.of(), "", List.of(), List.of());
  }
}
