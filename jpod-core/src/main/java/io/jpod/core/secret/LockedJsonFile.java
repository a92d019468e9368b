package io.jpod.core.secret;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A JSON file guarded by a sibling {@code .lock} file, the way containers/common guards the secrets
 * files: a whole-file fcntl write lock (which is what {@link FileChannel#lock()} takes on Linux, so jpod
 * and podman processes exclude each other), files mode 0600 in 0700 directories. Writes go to a temporary
 * file that is renamed into place, so a reader never sees half a file.
 */
final class LockedJsonFile {
  /** Go's json.MarshalIndent(v, "", "  "): two-space indent, {@code "key": value}, empty {@code {}}. */
  private static final DefaultPrettyPrinter GO_INDENT = new DefaultPrettyPrinter(
      Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private final Path file;
  private final Path lockFile;
  private final ObjectMapper json;
  private final ObjectWriter writer;
  // A JVM may not take the same file lock twice (OverlappingFileLockException): threads queue here first.
  private final ReentrantLock threads = new ReentrantLock();

  LockedJsonFile(Path file, Path lockFile, ObjectMapper json) {
    this.file = file;
    this.lockFile = lockFile;
    this.json = json;
    this.writer = json.writer(GO_INDENT);
  }

  Path file() {
    return file;
  }

  /** Runs {@code work} on the file's content ({} when missing) under the lock; it returns the result. */
  <T> T read(Function<ObjectNode, T> work) {
    return locked(() -> work.apply(load()));
  }

  /**
   * Runs {@code change} on the content under the lock, then writes the content back (unless the change
   * threw).
   */
  <T> T update(Function<ObjectNode, T> change) {
    return locked(() -> {
      ObjectNode root = load();
      T result = change.apply(root);
      save(root);
      return result;
    });
  }

  private <T> T locked(java.util.function.Supplier<T> work) {
    threads.lock();
    try {
      ensureDir(lockFile.getParent());
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = lock(ch)) {
        return work.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JpodException.system("interrupted waiting for " + lockFile, e);
    } catch (IOException e) {
      throw JpodException.system("locking " + lockFile + ": " + e.getMessage(), e);
    } finally {
      threads.unlock();
    }
  }

  /**
   * fcntl locks belong to the process, so another engine in this JVM holding the file (a second
   * {@code Libpod}) makes the JDK refuse at once instead of waiting: wait for it here.
   */
  private static FileLock lock(FileChannel ch) throws IOException, InterruptedException {
    while (true) {
      try {
        return ch.lock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        Thread.sleep(2);
      }
    }
  }

  private ObjectNode load() {
    try {
      if (!Files.exists(file)) {
        return json.createObjectNode();
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length == 0) {
        return json.createObjectNode();
      }
      JsonNode n = json.readTree(bytes);
      return n instanceof ObjectNode o ? o : json.createObjectNode();
    } catch (IOException e) {
      throw JpodException.system("reading " + file + ": " + e.getMessage(), e);
    }
  }

  private void save(ObjectNode root) {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      ensureDir(file.getParent());
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, writer.writeValueAsBytes(root));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw JpodException.system("writing " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the rename either happened or the next save replaces it
      }
    }
  }

  private static void ensureDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
  }
}
