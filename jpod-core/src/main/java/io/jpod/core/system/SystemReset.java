package io.jpod.core.system;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.Libpod;
import io.jpod.sys.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code system reset}: removes every pod, container, image, network (but the default) and volume
 * through the services, so runtimes, network namespaces and mounts are released properly, then deletes
 * the storage directories themselves. The libpod is closed afterwards and must not be used again.
 */
public final class SystemReset {
  private final Libpod libpod;

  public SystemReset(Libpod libpod) {
    this.libpod = libpod;
  }

  /** Removes everything; failures of single objects are collected so the rest still goes. */
  public List<String> run() {
    List<String> errors = new ArrayList<>();
    for (var pod : libpod.pods().list()) {
      attempt(errors, () -> libpod.pods().remove(pod.pod().id(), true, 0));
    }
    for (var c : libpod.containers().list()) {
      attempt(errors, () -> libpod.containers().remove(c.config().id(), true, 0, true));
    }
    attempt(errors, () -> libpod.containers().removeOrphans());
    attempt(errors, () -> libpod.images().remove(List.of(), true, true, false, false));
    String defaultNetwork = libpod.networks().options().defaultNetwork();
    for (var n : libpod.networks().store().list()) {
      if (!n.name().equals(defaultNetwork)) {
        attempt(errors, () -> libpod.networks().remove(n.name(), true, 0));
      }
    }
    for (var v : libpod.volumes().list()) {
      attempt(errors, () -> libpod.volumes().remove(v.name(), true, 0));
    }
    libpod.close();
    var o = libpod.options();
    for (Path dir : List.of(o.graphRoot(), o.runRoot(), o.tmpDir())) {
      attempt(errors, () -> delete(dir));
    }
    return errors;
  }

  private static void attempt(List<String> errors, Runnable step) {
    try {
      step.run();
    } catch (JpodException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        errors.add(e.getMessage());
      }
    }
  }

  /**
   * Deletes {@code dir}; whatever is still mounted below it (a mount a crash left) is detached first so
   * the walk never descends into another file system's files.
   */
  static void delete(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.exists(root)) {
      return;
    }
    for (Path m : mountsUnder(root)) {
      Mount.unmount(m.toString(), Mount.MNT_DETACH);
    }
    if (!mountsUnder(root).isEmpty()) {
      throw JpodException.system("cannot remove " + root + ": file systems are still mounted below it");
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw JpodException.system("removing " + root + ": " + e.getMessage(), e);
    }
  }

  /** Mount points at or below {@code root}, deepest first. */
  private static List<Path> mountsUnder(Path root) {
    List<Path> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        if (f.length > 4) {
          Path p = Path.of(unescape(f[4]));
          if (p.startsWith(root)) {
            out.add(p);
          }
        }
      }
    } catch (IOException e) {
      throw JpodException.system("reading mountinfo: " + e.getMessage(), e);
    }
    out.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    return out;
  }

  /** mountinfo writes space, tab, newline and backslash as \ooo. */
  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
