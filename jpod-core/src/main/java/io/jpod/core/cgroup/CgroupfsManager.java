package io.jpod.core.cgroup;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cgroupfs manager: places conmon in {@code <parent>/conmon} the way libpod does, so conmon is
 * accounted for apart from the container (the runtime itself creates the container's cgroup from the
 * spec's cgroupsPath).
 */
public final class CgroupfsManager {
  private final Path root;
  private final CgroupMode mode;

  public CgroupfsManager(Path root, CgroupMode mode) {
    this.root = root;
    this.mode = mode;
  }

  public CgroupMode mode() {
    return mode;
  }

  /** Moves {@code pid} into {@code <parent>/conmon} in every hierarchy that governs processes. */
  public void moveConmon(String parent, long pid) {
    String rel = trimSlash(parent) + "/conmon";
    for (Path hierarchy : hierarchies()) {
      Path dir = hierarchy.resolve(rel);
      try {
        Files.createDirectories(dir);
        if (hierarchy.getFileName().toString().equals("cpuset")) {
          // A new v1 cpuset group starts with no cpus or mems; writing a pid into it fails until both
          // are copied from the parent.
          inheritCpuset(hierarchy, dir);
        }
        Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw JpodException.system("moving conmon to cgroup " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  /** The counters of the group {@code path} (a container's cgroupsPath). */
  public CgroupStats stats(String path) {
    return CgroupStats.read(root, mode, path);
  }

  // ---- pod cgroups ------------------------------------------------------------------------------

  /**
   * Creates the cgroup {@code path} (a pod's {@code /libpod_parent/<podid>}) in every hierarchy, so its
   * members' cgroups and conmons nest under it.
   */
  public void createGroup(String path) {
    for (Path hierarchy : hierarchies()) {
      Path dir = hierarchy.resolve(trimSlash(path));
      try {
        Files.createDirectories(dir);
        if (hierarchy.getFileName().toString().equals("cpuset")) {
          inheritCpuset(hierarchy, dir);
        }
      } catch (IOException e) {
        throw JpodException.system("creating cgroup " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Removes the cgroup {@code path} and the groups below it from every hierarchy. Processes still in
   * them (conmons lingering after their containers exited) are moved to the hierarchy's root first, as
   * a cgroup directory can only be removed once empty. Tolerates groups already gone.
   */
  public void removeGroup(String path) {
    List<Path> all = new ArrayList<>(hierarchies());
    if (mode == CgroupMode.HYBRID) {
      all.add(root.resolve("unified")); // runc mirrors the groups there on hybrid hosts
    }
    for (Path hierarchy : all) {
      Path top = hierarchy.resolve(trimSlash(path));
      if (!Files.isDirectory(top)) {
        continue;
      }
      List<Path> dirs;
      try (Stream<Path> walk = Files.walk(top)) {
        dirs = walk.filter(Files::isDirectory).sorted(java.util.Comparator.reverseOrder()).toList();
      } catch (IOException e) {
        continue;
      }
      for (Path dir : dirs) {
        try {
          for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"))) {
            if (!pid.isBlank()) {
              Files.writeString(hierarchy.resolve("cgroup.procs"), pid.strip(), StandardCharsets.US_ASCII);
            }
          }
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // a group that cannot go yet (a process still starting in it) is left; it holds nothing
        }
      }
    }
  }

  /** The controllers' mount points (v1/hybrid) or the unified root (v2). */
  List<Path> hierarchies() {
    if (mode == CgroupMode.V2) {
      return List.of(root);
    }
    List<Path> result = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      s.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p))
          .filter(p -> !p.getFileName().toString().equals("unified"))
          .filter(p -> Files.exists(p.resolve("cgroup.procs")))
          .sorted()
          .forEach(result::add);
    } catch (IOException e) {
      throw JpodException.system("listing cgroup hierarchies: " + e.getMessage(), e);
    }
    return result;
  }

  private static void inheritCpuset(Path hierarchy, Path dir) throws IOException {
    Path cur = hierarchy;
    for (Path part : hierarchy.relativize(dir)) {
      Path next = cur.resolve(part);
      for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
        Path target = next.resolve(f);
        if (Files.exists(target) && io.jpod.common.KernelFiles.read(target).isBlank()) {
          Files.writeString(target, io.jpod.common.KernelFiles.read(cur.resolve(f)).trim());
        }
      }
      cur = next;
    }
  }

  private static String trimSlash(String p) {
    String s = p;
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    return s;
  }
}
