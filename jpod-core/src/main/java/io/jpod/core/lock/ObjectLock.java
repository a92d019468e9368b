package io.jpod.core.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A held lock on one container, pod or volume: exclusive across threads of this JVM and across
 * processes, released by {@link #close()} (from the thread that acquired it).
 */
public final class ObjectLock implements AutoCloseable {
  private final LockManager manager;
  private final String objectId;
  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;
  private boolean released;

  ObjectLock(LockManager manager, String objectId, ReentrantLock threadLock, FileChannel channel,
      FileLock fileLock) {
    this.manager = manager;
    this.objectId = objectId;
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** The id of the locked object. */
  public String objectId() {
    return objectId;
  }

  /** Whether this lock is still held. */
  public boolean isHeld() {
    return !released;
  }

  ReentrantLock threadLock() {
    return threadLock;
  }

  /**
   * Releases the file lock, then the in-JVM lock. Idempotent. Why this order: a thread of this JVM
   * queued on the in-JVM lock must find the file lock already free, or it would block on it needlessly.
   */
  @Override
  public void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      // Closing the channel drops the fcntl lock too; release first for clarity.
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("releasing lock of " + objectId, e);
    } finally {
      manager.released(objectId, threadLock);
      threadLock.unlock();
    }
  }
}
