package io.jpod.core.volume;

import io.jpod.common.JpodException;
import io.jpod.core.filesystem.TreeArchive;
import io.jpod.sys.Nodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The file work on a volume's directory: copy-up of image content, owner fixes, {@code U}, removal. */
final class VolumeContent {
  private VolumeContent() {}

  /**
   * podman's first-use steps: when the image has a directory at the mount point, the new volume takes
   * its owner and mode and, when {@code copy} and the volume is still empty, its content (owners, modes,
   * times and links kept).
   */
  static void firstUse(Path imageDir, Path data, boolean copy) {
    try {
      // imageDir is a /proc/self/fd link to the directory itself: it must be followed
      int mode = (int) Files.getAttribute(imageDir, "unix:mode");
      int uid = (int) Files.getAttribute(imageDir, "unix:uid");
      int gid = (int) Files.getAttribute(imageDir, "unix:gid");
      if (copy && isEmpty(data)) {
        TreeArchive.copy(imageDir, data);
      }
      Nodes.lchown(data, uid, gid);
      Nodes.chmod(data, mode & 07777);
    } catch (IOException e) {
      throw JpodException.system("copying up image content from " + imageDir + " into volume: " + e.getMessage(), e);
    }
  }

  static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /** {@code U}: everything below (and including) {@code path} becomes the container user's. */
  static void chownTree(Path path, long uid, long gid) {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.toList()) {
        Nodes.lchown(p, (int) uid, (int) gid);
      }
    } catch (IOException e) {
      throw JpodException.system("chown " + path + ": " + e.getMessage(), e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw JpodException.system("removing " + dir + ": " + e.getMessage(), e);
    }
  }
}
