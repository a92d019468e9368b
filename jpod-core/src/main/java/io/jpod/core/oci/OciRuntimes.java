package io.jpod.core.oci;

import io.jpod.core.cgroup.CgroupMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the OCI runtimes named in containers.conf and decides whether each can work on this host. A
 * runtime that cannot is returned as a {@link MissingOciRuntime} whose error says why and names one
 * that works.
 */
public final class OciRuntimes {
  private final Map<String, List<String>> candidates;
  private final CgroupMode cgroupMode;

  public OciRuntimes(Map<String, List<String>> candidates, CgroupMode cgroupMode) {
    this.candidates = Map.copyOf(candidates);
    this.cgroupMode = cgroupMode;
  }

  /** The runtime called {@code nameOrPath} (a name from containers.conf or an absolute path). */
  public OciRuntime get(String nameOrPath) {
    String name = nameOrPath.contains("/") ? Path.of(nameOrPath).getFileName().toString() : nameOrPath;
    Optional<String> path = nameOrPath.startsWith("/") ? executable(nameOrPath) : find(name);
    if (path.isEmpty()) {
      return new MissingOciRuntime(
          name, "", "default OCI runtime \"" + name + "\" not found: invalid argument" + suggestion(name));
    }
    Optional<String> unusable = unusableReason(name);
    if (unusable.isPresent()) {
      return new MissingOciRuntime(name, path.get(), unusable.get() + suggestion(name));
    }
    return new ConmonOciRuntime(name, path.get());
  }

  /** The first runtime, in podman's order of preference, that is installed and works here. */
  public Optional<OciRuntime> firstUsable() {
    for (String name : List.of("crun", "runc")) {
      OciRuntime rt = get(name);
      if (rt instanceof ConmonOciRuntime) {
        return Optional.of(rt);
      }
    }
    for (String name : candidates.keySet().stream().sorted().toList()) {
      OciRuntime rt = get(name);
      if (rt instanceof ConmonOciRuntime) {
        return Optional.of(rt);
      }
    }
    return Optional.empty();
  }

  /** Why a runtime that is installed still cannot run containers on this host, if it cannot. */
  Optional<String> unusableReason(String name) {
    if (name.equals("crun") && cgroupMode == CgroupMode.HYBRID) {
      // crun 1.x refuses hybrid hosts outright ("cgroups in hybrid mode not supported").
      return Optional.of(
          "OCI runtime \"crun\" cannot run containers on this host: cgroups in hybrid mode not supported"
              + " (cgroup v1 controllers with cgroup2 mounted at /sys/fs/cgroup/unified)");
    }
    return Optional.empty();
  }

  private String suggestion(String unusable) {
    for (String other : List.of("runc", "crun")) {
      if (!other.equals(unusable) && find(other).isPresent() && unusableReason(other).isEmpty()) {
        return "; use --runtime " + other;
      }
    }
    return "";
  }

  private Optional<String> find(String name) {
    for (String p : candidates.getOrDefault(name, List.of())) {
      Optional<String> ok = executable(p);
      if (ok.isPresent()) {
        return ok;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> executable(String p) {
    Path path = Path.of(p);
    return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(p) : Optional.empty();
  }
}
