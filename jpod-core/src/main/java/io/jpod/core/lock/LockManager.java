package io.jpod.core.lock;

import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Per-object locks (containers, pods, volumes) that exclude other threads and other jpod processes,
 * backed by {@code fcntl} locks on {@code <lockDir>/<id>.lock}.
 *
 * <p>Why files instead of podman's shared-memory robust mutexes: they need no native code, and the
 * kernel drops an fcntl lock when its process dies, so a SIGKILLed jpod never leaves a lock stuck.
 * Why a per-id {@link ReentrantLock} too: fcntl locks belong to the process, so two threads of one JVM
 * would both "hold" the file lock (the JDK refuses with OverlappingFileLockException instead); the
 * fair in-JVM lock makes threads queue in arrival order. The map lives in this instance, not in static
 * state: one LockManager per runtime.
 *
 * <p>fcntl caveat that shapes this class: closing ANY descriptor of a file drops ALL of the process's
 * locks on it. So the lock file is opened by one thread at a time (under the in-JVM lock), never
 * re-opened while held, and a JVM must use a single LockManager per lock directory.
 */
public final class LockManager {
  // Why restrict ids: they become file names; this also rules out "..", "/" and hidden files.
  private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private final Path lockDir;
  private final long pid = ProcessHandle.current().pid();
  private final ConcurrentHashMap<String, ReentrantLock> threadLocks = new ConcurrentHashMap<>();

  public LockManager(Path lockDir) {
    this.lockDir = Objects.requireNonNull(lockDir, "lockDir");
  }

  /** The directory holding the lock files. */
  public Path lockDir() {
    return lockDir;
  }

  /** Blocks until this thread holds the object's lock. Not reentrant: locking twice is an error. */
  public ObjectLock lock(String objectId) {
    return acquire(objectId, true).orElseThrow();
  }

  /** The object's lock if it is free right now, else empty. */
  public Optional<ObjectLock> tryLock(String objectId) {
    return acquire(objectId, false);
  }

  /**
   * Deletes the object's lock file after the object itself was removed. The caller must hold the lock,
   * so nobody can be inside the object's critical section; waiters (here or in other processes) notice
   * the file is gone when they get it and retry on a fresh file.
   */
  public void remove(String objectId) {
    ReentrantLock own = threadLocks.get(checkId(objectId));
    if (own == null || !own.isHeldByCurrentThread()) {
      throw new IllegalStateException("lock of " + objectId + " must be held to remove it");
    }
    try {
      Files.deleteIfExists(lockFile(objectId));
    } catch (IOException e) {
      throw JpodException.system("removing lock file of " + objectId + ": " + e.getMessage(), e);
    }
  }

  private Optional<ObjectLock> acquire(String objectId, boolean wait) {
    checkId(objectId);
    while (true) {
      ReentrantLock threadLock = threadLocks.computeIfAbsent(objectId, k -> new ReentrantLock(true));
      if (threadLock.isHeldByCurrentThread()) {
        // A second lock() would deadlock on the file lock (podman's mutexes are not recursive either).
        throw new IllegalStateException("lock of " + objectId + " is already held by this thread");
      }
      if (wait) {
        threadLock.lock();
      } else if (!threadLock.tryLock()) {
        return Optional.empty();
      }
      // The entry may have been dropped (after remove) while we queued: start over on the live one.
      if (threadLocks.get(objectId) != threadLock) {
        threadLock.unlock();
        continue;
      }
      try {
        Optional<ObjectLock> got = lockFile(objectId, threadLock, wait);
        if (got == null) {
          threadLock.unlock();
          continue; // the file was replaced under us: retry
        }
        if (got.isEmpty()) {
          threadLock.unlock();
        }
        return got;
      } catch (RuntimeException | Error e) {
        threadLock.unlock();
        throw e;
      }
    }
  }

  /** Empty when busy (tryLock), null when the file we locked was unlinked meanwhile (start over). */
  private Optional<ObjectLock> lockFile(String objectId, ReentrantLock threadLock, boolean wait) {
    Path file = lockFile(objectId);
    FileChannel channel = null;
    try {
      Files.createDirectories(lockDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock fileLock;
      try {
        fileLock = wait ? channel.lock() : channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // The JDK tracks file locks per JVM: another LockManager here holds this file. That is a
        // programming error, not contention (see the class comment), so fail loudly.
        throw new IllegalStateException("another LockManager in this JVM uses " + lockDir, e);
      }
      if (fileLock == null) {
        channel.close();
        return Optional.empty();
      }
      // Why check: remove() may have unlinked the file while we waited on it; holding a lock on an
      // unlinked inode excludes nobody, so lock the file now at the path instead.
      if (!sameFile(channel, file)) {
        channel.close();
        return null;
      }
      return Optional.of(new ObjectLock(this, objectId, threadLock, channel, fileLock));
    } catch (IOException e) {
      closeQuietly(channel);
      throw JpodException.system("locking " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Called by {@link ObjectLock#close()} before it unlocks: forget the id once its file is gone. */
  void released(String objectId, ReentrantLock threadLock) {
    // Why only when the file is gone and nobody waits: keeps the map bounded by live objects while
    // never splitting waiters across two ReentrantLocks needlessly (acquire() re-checks anyway).
    if (!threadLock.hasQueuedThreads() && !Files.exists(lockFile(objectId))) {
      threadLocks.remove(objectId, threadLock);
    }
  }

  private Path lockFile(String objectId) {
    return lockDir.resolve(objectId + ".lock");
  }

  /**
   * Whether {@code file} still names the inode {@code channel} has open and locked.
   *
   * <p>Why not simply compare inode numbers: Java cannot fstat a channel, and opening the lock file
   * again (even to read it) is fatal, because closing ANY descriptor of a file drops ALL of the
   * process's fcntl locks on it. So we mark the inode through our own channel, setting its size to
   * our pid (a sparse file, no blocks used), and stat the path (stat opens nothing). Only a process
   * holding the lock writes the size, and two processes alive at once never share a pid, so a match
   * means the path names our inode; any other size means we hold an unlinked file.
   */
  private boolean sameFile(FileChannel channel, Path file) throws IOException {
    long mark = pid;
    if (channel.size() > mark) {
      channel.truncate(mark);
    }
    ByteBuffer zero = ByteBuffer.allocate(1);
    while (zero.hasRemaining()) {
      channel.write(zero, mark - 1);
    }
    try {
      return Files.size(file) == mark;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static String checkId(String objectId) {
    if (objectId == null || !VALID_ID.matcher(objectId).matches()) {
      throw JpodException.invalid("invalid lock id \"" + objectId + "\"");
    }
    return objectId;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }
}
