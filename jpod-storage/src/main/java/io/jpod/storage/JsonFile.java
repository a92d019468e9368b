package io.jpod.storage;

import io.avaje.jsonb.JsonType;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A JSON array of records in one file, guarded by a sibling {@code .lock} file so several jpod processes
 * can read-modify-write it; every access re-reads the file because another process may have changed it.
 */
public final class JsonFile<T> {
  private final Path file;
  private final Path lockFile;
  private final JsonType<List<T>> listType;
  // FileChannel.lock is per process: threads of this JVM must be serialized separately.
  private final ReentrantLock threadLock = new ReentrantLock();

  public JsonFile(Path file, Path lockFile, StorageJson json, Class<T> type) {
    this.file = file;
    this.lockFile = lockFile;
    this.listType = json.listOf(type);
  }

  public Path path() {
    return file;
  }

  /** A snapshot of the records, read under a shared lock; a missing file is an empty list. */
  public List<T> read() {
    if (!Files.exists(file)) {
      return new ArrayList<>();
    }
    return locked(true, () -> readUnlocked());
  }

  /**
   * Runs {@code change} on the current records under an exclusive lock and writes the list back
   * atomically; {@code change} mutates the list it is given and returns the caller's result.
   */
  public <R> R update(Function<List<T>, R> change) {
    return locked(false, () -> {
      byte[] before = readBytes();
      List<T> records = parse(before);
      R result = change.apply(records);
      byte[] after = listType.toJsonBytes(records);
      // A change that changed nothing (forgetting a mount already forgotten, as a container's removal
      // does after its cleanup) leaves the file alone: an atomic rewrite costs two fsyncs.
      if (before == null || !java.util.Arrays.equals(before, after)) {
        write(after);
      }
      return result;
    });
  }

  private List<T> readUnlocked() {
    return parse(readBytes());
  }

  /** The file's bytes; null when there is no file. */
  private byte[] readBytes() {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw JpodException.system("reading " + file + ": " + e.getMessage(), e);
    }
  }

  private List<T> parse(byte[] data) {
    if (data == null || data.length == 0) {
      return new ArrayList<>();
    }
    try {
      List<T> list = listType.fromJson(data);
      return list == null ? new ArrayList<>() : new ArrayList<>(list);
    } catch (io.avaje.json.JsonException e) {
      throw JpodException.system("reading " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(byte[] data) {
    try {
      AtomicFiles.write(file, data);
    } catch (IOException e) {
      throw JpodException.system("writing " + file + ": " + e.getMessage(), e);
    }
  }

  private interface Body<R> {
    R run();
  }

  private <R> R locked(boolean shared, Body<R> body) {
    threadLock.lock();
    try {
      Files.createDirectories(lockFile.getParent());
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE,
              StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        FileLock lock = acquire(ch, shared);
        try {
          return body.run();
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw JpodException.system("locking " + lockFile + ": " + e.getMessage(), e);
    } finally {
      threadLock.unlock();
    }
  }

  private static FileLock acquire(FileChannel ch, boolean shared) throws IOException {
    // Another JsonFile of this JVM (a second Store on the same root) may hold the lock: wait for it,
    // as a second process would.
    while (true) {
      try {
        return ch.lock(0, Long.MAX_VALUE, shared);
      } catch (OverlappingFileLockException e) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for " + ie.getMessage());
        }
      }
    }
  }
}
