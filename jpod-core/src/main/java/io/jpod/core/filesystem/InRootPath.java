package io.jpod.core.filesystem;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths inside a container's root filesystem, resolved as the kernel would after {@code chroot(root)}:
 * symlinks (absolute or relative) are followed, an absolute target restarts at the container's "/",
 * and ".." never climbs above it. Pure logic over a {@link Links} lookup, so the result is always an
 * absolute, clean path inside the root (what filepath-securejoin computes for podman). The I/O that
 * follows is anchored in the kernel as well ({@link RootDir}); this decides the semantics (which name
 * a copy gets, which directory it lands in) and gives the errors their paths.
 */
public final class InRootPath {
  /** As the kernel's limit on symlinks followed in one lookup (MAXSYMLINKS is 40; securejoin allows 255). */
  public static final int MAX_LINKS = 255;

  private InRootPath() {}

  /** Answers whether a path inside the root is a symlink. */
  @FunctionalInterface
  public interface Links {
    /**
     * The target of {@code path} (absolute and clean, inside the root) when it is a symlink, else null,
     * also when it does not exist.
     */
    String readlink(String path) throws IOException;
  }

  /**
   * The lexically clean absolute form of {@code path}: relative paths start at "/", "." and empty
   * components vanish, ".." removes the previous component and stops at "/" (Go's
   * {@code filepath.Join("/", path)}).
   */
  public static String clean(String path) {
    Deque<String> out = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        out.pollLast();
      } else {
        out.addLast(part);
      }
    }
    return "/" + String.join("/", out);
  }

  /** {@code clean(base + "/" + path)} for a relative {@code path}, else {@code clean(path)}. */
  public static String join(String base, String path) {
    return path.startsWith("/") ? clean(path) : clean(base + "/" + path);
  }

  /** Resolves every component of {@code path}, the last one too; missing components are kept as written. */
  public static String resolve(String path, Links links) throws IOException {
    Deque<String> todo = new ArrayDeque<>(components(path));
    List<String> done = new ArrayList<>();
    int followed = 0;
    while (!todo.isEmpty()) {
      String part = todo.pollFirst();
      if (part.equals("..")) {
        if (!done.isEmpty()) {
          done.removeLast();
        }
        continue;
      }
      done.add(part);
      String target = links.readlink(toPath(done));
      if (target == null) {
        continue;
      }
      done.removeLast();
      if (++followed > MAX_LINKS) {
        throw new FileSystemException(clean(path), null, "too many levels of symbolic links");
      }
      if (target.startsWith("/")) {
        done.clear();
      }
      List<String> more = components(target);
      for (int i = more.size() - 1; i >= 0; i--) {
        todo.addFirst(more.get(i));
      }
    }
    return toPath(done);
  }

  /**
   * Resolves the directory part of {@code path} but keeps its last component as written, for operations
   * that must act on a symlink itself (O_NOFOLLOW). The root itself resolves to "/".
   */
  public static String resolveParent(String path, Links links) throws IOException {
    String c = clean(path);
    if (c.equals("/")) {
      return c;
    }
    String dir = resolve(parent(c), links);
    return dir.equals("/") ? "/" + name(c) : dir + "/" + name(c);
  }

  /** The parent of a clean absolute path ("/" for "/" and for top-level names). */
  public static String parent(String cleanPath) {
    int slash = cleanPath.lastIndexOf('/');
    return slash <= 0 ? "/" : cleanPath.substring(0, slash);
  }

  /** The last component of a clean absolute path ("/" for the root). */
  public static String name(String cleanPath) {
    if (cleanPath.equals("/")) {
      return "/";
    }
    return cleanPath.substring(cleanPath.lastIndexOf('/') + 1);
  }

  /** {@code path} relative to the root ("." for the root itself), as openat(2) on the root's fd wants it. */
  public static String relative(String cleanPath) {
    return cleanPath.equals("/") ? "." : cleanPath.substring(1);
  }

  /** Components without empty ones and "."; ".." stays (it can only be judged after symlinks). */
  private static List<String> components(String path) {
    List<String> out = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        out.add(part);
      }
    }
    return out;
  }

  private static String toPath(List<String> parts) {
    return "/" + String.join("/", parts);
  }
}
