package io.jpod.core.state;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where sqlite-jdbc loads its native library from, and how the launcher avoids re-extracting it.
 *
 * <p>Why this matters: by default sqlite-jdbc copies {@code libsqlitejdbc.so} out of its jar into
 * {@code java.io.tmpdir} on every JVM start (a few ms and a file write per CLI command, and it fails
 * on a {@code noexec} /tmp). When the system properties {@code org.sqlite.lib.path} (a directory) and
 * {@code org.sqlite.lib.name} (a file name in it) are set before the first connection, it loads that
 * file directly. The jpod launcher script is expected to pass them, e.g.
 * {@code -Dorg.sqlite.lib.path=/usr/lib/jpod -Dorg.sqlite.lib.name=libsqlitejdbc.so}, pointing at a
 * copy extracted at install time from {@code org/sqlite/native/Linux/x86_64/libsqlitejdbc.so} in the
 * sqlite-jdbc jar (which must be the same sqlite-jdbc version). Without them everything still works,
 * just slower. {@code org.sqlite.tmpdir} can redirect the extraction instead.
 */
public final class SqliteNativeLibrary {
  /** The directory property sqlite-jdbc reads. */
  public static final String PATH_PROPERTY = "org.sqlite.lib.path";
  /** The file-name property sqlite-jdbc reads. */
  public static final String NAME_PROPERTY = "org.sqlite.lib.name";
  /** The resource inside the sqlite-jdbc jar for Linux x86_64. */
  public static final String LINUX_X86_64_RESOURCE = "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so";

  private SqliteNativeLibrary() {}

  /** The pre-extracted library the launcher configured, if both properties are set and the file exists. */
  public static Optional<Path> configured() {
    String dir = System.getProperty(PATH_PROPERTY);
    String name = System.getProperty(NAME_PROPERTY);
    if (dir == null || name == null) {
      return Optional.empty();
    }
    Path lib = Path.of(dir, name);
    return Files.isRegularFile(lib) ? Optional.of(lib) : Optional.empty();
  }

  /**
   * The JVM options a launcher passes to use {@code library} (an already extracted copy) instead of
   * extracting one on every start.
   */
  public static java.util.List<String> jvmOptions(Path library) {
    Path abs = library.toAbsolutePath();
    return java.util.List.of("-D" + PATH_PROPERTY + "=" + abs.getParent(),
        "-D" + NAME_PROPERTY + "=" + abs.getFileName());
  }
}
