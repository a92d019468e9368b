package io.jpod.core.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code system renumber} for jpod's lock design. podman's renumber hands out fresh shared-memory lock
 * numbers; jpod's locks are files named by object id, so there is nothing to renumber, and what is left
 * to tidy is the lock files of containers and pods that no longer exist (left by a jpod killed between
 * removing the row and the file). Each is taken before it is deleted, so nobody holding it is affected.
 */
public final class StaleLocks {
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{64}");

  private StaleLocks() {}

  /** Deletes the id-named lock files not in {@code liveIds}; returns how many went. */
  public static int remove(LockManager locks, Set<String> liveIds) {
    int removed = 0;
    try (Stream<Path> files = Files.list(locks.lockDir())) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".lock")) {
          continue;
        }
        String id = name.substring(0, name.length() - ".lock".length());
        if (!OBJECT_ID.matcher(id).matches() || liveIds.contains(id)) {
          continue;
        }
        var held = locks.tryLock(id);
        if (held.isPresent()) {
          try (ObjectLock l = held.get()) {
            locks.remove(id);
            removed++;
          }
        }
      }
    } catch (IOException e) {
      return removed; // no lock dir yet: nothing to tidy
    }
    return removed;
  }
}
