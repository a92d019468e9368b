package io.jpod.core.container;

import java.util.List;
import java.util.Map;

/** The parts of an image's config that become a container's defaults. */
public record ImageDefaults(
    String imageId,
    String imageName,
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    String user,
    Map<String, String> labels,
    String stopSignal) {

  public ImageDefaults {
    env = env == null ? List.of() : List.copyOf(env);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    workingDir = workingDir == null ? "" : workingDir;
    user = user == null ? "" : user;
    stopSignal = stopSignal == null ? "" : stopSignal;
  }

  /** No image: a {@code --rootfs} container. */
  public static ImageDefaults none(String rootfs) {
    return new ImageDefaults(null, rootfs, List.of(), List.of(), List.of(), "", "", Map.of(), "");
  }
}
