package io.jpod.core.spec;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code --privileged}: podman hands the container every device node of the host's /dev (its
 * {@code util.AddPrivilegedDevices}), leaving out the directories the container gets its own of.
 */
final class HostDevices {
  private static final Set<String> SKIPPED_DIRS = Set.of("pts", "shm", "fd", "mqueue", ".lxc", ".lxd-mounts", ".udev");

  private HostDevices() {}

  static List<RuntimeSpec.Device> under(Path dev) {
    List<RuntimeSpec.Device> out = new ArrayList<>();
    try {
      Files.walkFileTree(dev, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return !dir.equals(dev) && SKIPPED_DIRS.contains(dir.getFileName().toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (attrs.isOther() && !file.getFileName().toString().equals("console")) {
            int mode = (int) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int kind = mode & 0170000;
            if (kind == 0020000 || kind == 0060000) {
              long rdev = (long) Files.getAttribute(file, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
              out.add(new RuntimeSpec.Device(file.toString(), kind == 0020000 ? "c" : "b",
                  io.jpod.sys.Nodes.major(rdev), io.jpod.sys.Nodes.minor(rdev), mode & 0777,
                  ((Number) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue(),
                  ((Number) Files.getAttribute(file, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue()));
            }
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }
}
