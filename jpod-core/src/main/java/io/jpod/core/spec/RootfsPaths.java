package io.jpod.core.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a container rootfs the way filepath-securejoin does: symlinks are followed but
 * interpreted relative to the rootfs, and ".." never climbs above it, so the result always lies inside.
 */
public final class RootfsPaths {
  private static final int MAX_LINKS = 255;

  private RootfsPaths() {}

  /** The host path for {@code inside} (absolute or relative to "/") within {@code rootfs}. */
  public static Path resolve(Path rootfs, String inside) throws IOException {
    Path root = rootfs.toAbsolutePath().normalize();
    Deque<String> todo = new ArrayDeque<>();
    push(todo, inside);
    Deque<String> done = new ArrayDeque<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pollFirst();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        done.pollLast();
        continue;
      }
      Path candidate = join(root, done).resolve(part);
      if (Files.isSymbolicLink(candidate)) {
        if (++links > MAX_LINKS) {
          throw new IOException("too many levels of symbolic links: " + inside);
        }
        String target = Files.readSymbolicLink(candidate).toString();
        if (target.startsWith("/")) {
          done.clear();
        }
        push(todo, target);
        continue;
      }
      done.addLast(part);
    }
    return join(root, done);
  }

  /** True if the resolved path exists inside the rootfs as a regular file. */
  public static boolean isFile(Path p) {
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.addFirst(parts[i]);
    }
  }

  private static Path join(Path root, Deque<String> parts) {
    Path p = root;
    for (String s : parts) {
      p = p.resolve(s);
    }
    return p;
  }
}
