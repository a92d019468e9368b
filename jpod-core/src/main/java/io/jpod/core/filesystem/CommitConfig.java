package io.jpod.core.filesystem;

import io.jpod.core.container.ContainerConfig;
import io.jpod.storage.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The execution defaults a commit records, before {@code --change}: podman starts from the base image's
 * config and carries over what the container was created with — its entrypoint and command, its whole
 * environment (replacing the image's values key by key), its labels, its user (when set) and its
 * working directory. Exposed ports, volumes and the stop signal stay the image's.
 */
final class CommitConfig {
  private CommitConfig() {}

  static ImageConfig.Config from(ImageConfig.Config base, ContainerConfig container) {
    ImageConfig.Config b = base == null ? ImageConfig.Config.empty() : base;
    String user = container.user() == null || container.user().isEmpty() ? b.user() : container.user();
    String workDir = container.workingDir() == null || container.workingDir().isEmpty() ? b.workingDir() : container.workingDir();
    return new ImageConfig.Config(
        user,
        b.exposedPorts(),
        env(b.env(), container.env()),
        container.entrypoint().isEmpty() ? null : container.entrypoint(),
        container.command().isEmpty() ? null : container.command(),
        b.volumes(),
        workDir,
        labels(b.labels(), container.labels()),
        b.stopSignal());
  }

  /** The image's variables with the container's set over them (same key: replaced in place). */
  static List<String> env(List<String> image, List<String> container) {
    List<String> out = new ArrayList<>(image == null ? List.of() : image);
    for (String kv : container) {
      String key = kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv;
      int at = -1;
      for (int i = 0; i < out.size(); i++) {
        String e = out.get(i);
        if (e.equals(key) || e.startsWith(key + "=")) {
          at = i;
          break;
        }
      }
      if (at >= 0) {
        out.set(at, kv);
      } else {
        out.add(kv);
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static Map<String, String> labels(Map<String, String> image, Map<String, String> container) {
    Map<String, String> out = new LinkedHashMap<>(image == null ? Map.of() : image);
    container.keySet().stream().sorted().forEach(k -> out.put(k, container.get(k)));
    return out.isEmpty() ? null : out;
  }
}
