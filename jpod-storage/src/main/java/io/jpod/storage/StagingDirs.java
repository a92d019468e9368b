package io.jpod.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.Optional;

/**
 * {@code <driver home>/staging/<random>/}: private work directories where layers are built before they
 * are moved into place under the layers lock. Each records its creator ({@code owner}: pid and start
 * time), so directories a crashed process left behind are swept by the next one.
 */
final class StagingDirs {
  static final String OWNER = "owner";
  private static final Duration STALE_AFTER = Duration.ofHours(1);

  private final Path staging;
  private final RandomGenerator random;

  StagingDirs(Path staging, RandomGenerator random) {
    this.staging = staging;
    this.random = random;
  }

  Path root() {
    return staging;
  }

  /** A fresh directory owned by this process (stale ones of dead processes are swept first). */
  Path create() throws IOException {
    sweepStale();
    Path dir = staging.resolve(randomHex());
    Files.createDirectories(dir);
    ProcessHandle self = ProcessHandle.current();
    // Written aside and renamed: a concurrent sweep must never read a half-written owner file and
    // take this fresh directory for an abandoned one.
    Path tmp = dir.resolve(OWNER + ".tmp");
    Files.writeString(tmp, self.pid() + " " + startMillis(self).orElse(0L) + "\n");
    Files.move(tmp, dir.resolve(OWNER), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return dir;
  }

  String randomHex() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Removes staging directories whose creator is gone: its pid is dead or now names another process, or
   * (for directories without an owner file) it is older than an hour.
   */
  private void sweepStale() {
    List<Path> dirs;
    try (var s = Files.list(staging)) {
      dirs = s.toList();
    } catch (IOException e) {
      return; // no staging directory yet
    }
    for (Path d : dirs) {
      try {
        if (isStale(d)) {
          FileTrees.deleteRecursively(d);
        }
      } catch (IOException | RuntimeException e) {
        // Another process may be sweeping the same directory; the next stage tries again.
        log().log(System.Logger.Level.DEBUG, "sweeping " + d + ": " + e);
      }
    }
  }

  private static boolean isStale(Path dir) throws IOException {
    Path owner = dir.resolve(OWNER);
    if (Files.exists(owner)) {
      String[] f = Files.readString(owner).trim().split(" ");
      try {
        long pid = Long.parseLong(f[0]);
        long start = f.length > 1 ? Long.parseLong(f[1]) : 0;
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        return h.isEmpty() || !h.get().isAlive() || (start != 0 && startMillis(h.get()).orElse(start) != start);
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        // unreadable owner: fall through and judge by age
      }
    }
    // Written by an older jpod or before the owner file existed: judge by age.
    return Files.getLastModifiedTime(dir).toInstant().isBefore(Instant.now().minus(STALE_AFTER));
  }

  private static Optional<Long> startMillis(ProcessHandle h) {
    return h.info().startInstant().map(Instant::toEpochMilli);
  }

  // Looked up when there is something to log: the first System.getLogger sets up the JDK's logging,
  // ~2 ms of every command that opens the store.
  private static System.Logger log() {
    return System.getLogger(StagingDirs.class.getName());
  }
}
