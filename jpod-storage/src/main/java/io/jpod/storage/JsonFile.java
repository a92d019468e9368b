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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A JSON array of records in one file, guarded by a sibling {@code .lock} file so several jpod processes
 * can read-modify-write it. Another process may change the file at any time, so every access checks it
 * again under the lock; but it parses the file only when it is not the one parsed (or written) last:
 * one command reads the same store file several times, and parsing layers.json and containers.json of a
 * few hundred entries was a large part of a short command.
 *
 * <p>A file is recognised by its identity: device and inode, modification time and size. Every write
 * (this class's, and containers/storage's) renames a new file over the old one, so a changed file has
 * a new inode, or a reused inode (ext4 hands the freed one back at once) with a later modification
 * time. That time is exact on current kernels (multigrain timestamps, Linux 6.13+); older ones stamp a
 * clock tick (1-4 ms), so there the same size on the same inode from two other writes within one tick
 * would go unseen: each write here holds the lock and fsyncs file and directory, which makes that
 * practically impossible. The records are immutable values: callers get a fresh list of the same
 * record objects and must not mutate the records' own lists.
 */
public final class JsonFile<T> {
  private final Path file;
  private final Path lockFile;
  private final JsonType<List<T>> listType;
  // FileChannel.lock is per process: threads of this JVM must be serialized separately.
  private final ReentrantLock threadLock = new ReentrantLock();
  // The records last read or written and the identity of that file; guarded by threadLock (and valid
  // only while the file lock is held, like everything read from the file).
  private Snapshot<T> last;

  /** The parsed records of one version of the file. */
  private record Snapshot<T>(Object fileKey, FileTime modified, long size, List<T> records) {
    static <T> Snapshot<T> of(BasicFileAttributes attrs, List<T> records) {
      return new Snapshot<>(attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), records);
    }

    boolean isOf(BasicFileAttributes attrs) {
      // Without a file key (not on Linux) nothing can be recognised: parse every time.
      return fileKey != null && fileKey.equals(attrs.fileKey()) && modified.equals(attrs.lastModifiedTime())
          && size == attrs.size();
    }
  }

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
    return locked(true, () -> new ArrayList<>(current()));
  }

  /**
   * Runs {@code change} on the current records under an exclusive lock and writes the list back
   * atomically; {@code change} mutates the list it is given and returns the caller's result.
   */
  public <R> R update(Function<List<T>, R> change) {
    return locked(false, () -> {
      List<T> before = current();
      boolean exists = last != null;
      List<T> records = new ArrayList<>(before);
      R result = change.apply(records);
      // A change that changed nothing (forgetting a mount already forgotten, as a container's removal
      // does after its cleanup) leaves the file alone: an atomic rewrite costs two fsyncs.
      if (!exists || !records.equals(before)) {
        write(records);
      }
      return result;
    });
  }

  /** The records of the file as it is now (the caller holds the file lock); not to be mutated. */
  private List<T> current() {
    try {
      BasicFileAttributes attrs;
      try {
        attrs = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        last = null;
        return List.of();
      }
      Snapshot<T> known = last;
      if (known != null && known.isOf(attrs)) {
        return known.records();
      }
      last = null;
      List<T> records = parse(Files.readAllBytes(file));
      last = Snapshot.of(attrs, records);
      return records;
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | io.avaje.json.JsonException e) {
      throw JpodException.system("reading " + file + ": " + e.getMessage(), e);
    }
  }

  private List<T> parse(byte[] data) {
    if (data.length == 0) {
      return List.of();
    }
    List<T> list = listType.fromJson(data);
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  private void write(List<T> records) {
    last = null;
    try {
      AtomicFiles.write(file, listType.toJsonBytes(records));
      // What was just written is what the next read would parse (the records are values).
      last = Snapshot.of(Files.readAttributes(file, BasicFileAttributes.class),
          Collections.unmodifiableList(new ArrayList<>(records)));
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
