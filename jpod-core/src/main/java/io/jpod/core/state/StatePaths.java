package io.jpod.core.state;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The storage locations a state database belongs to; recorded in {@code DBConfig} at first open and
 * compared on every later open.
 *
 * @param graphRoot containers/storage's graph root (the database lives under it)
 * @param runRoot containers/storage's run root
 * @param tmpDir libpod's tmp dir (runtime state that is lost at reboot)
 * @param graphDriver the storage driver's name, e.g. overlay
 */
public record StatePaths(Path graphRoot, Path runRoot, Path tmpDir, String graphDriver) {

  public StatePaths {
    // Why absolute + normalized: the mismatch check compares strings, and "./x" vs "/cwd/x" must agree.
    graphRoot = Objects.requireNonNull(graphRoot, "graphRoot").toAbsolutePath().normalize();
    runRoot = Objects.requireNonNull(runRoot, "runRoot").toAbsolutePath().normalize();
    tmpDir = Objects.requireNonNull(tmpDir, "tmpDir").toAbsolutePath().normalize();
    graphDriver = graphDriver == null || graphDriver.isEmpty() ? "overlay" : graphDriver;
  }

  /** Paths with the default overlay driver. */
  public StatePaths(Path graphRoot, Path runRoot, Path tmpDir) {
    this(graphRoot, runRoot, tmpDir, "overlay");
  }

  /** libpod's static dir, {@code <graphroot>/libpod}, as podman records it. */
  public Path staticDir() {
    return graphRoot.resolve("libpod");
  }

  /** Where named volumes live, {@code <graphroot>/volumes}. */
  public Path volumeDir() {
    return graphRoot.resolve("volumes");
  }

  /** The database file, {@code <graphroot>/libpod/db.sql} (same place as podman 5). */
  public Path databaseFile() {
    return staticDir().resolve("db.sql");
  }
}
