package io.jpod.core.container;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes this process's waiters when one of its container events is recorded (start, died, remove,
 * ...), so that a wait which polls the state (the API's wait for a container that is being started)
 * sees the change at once instead of at its next poll. Changes made by other processes are still
 * seen by the polling alone. A lock and condition, not a monitor, so waiting virtual threads unmount.
 */
final class ContainerChanges {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long count;

  /** The number of changes so far: read it before looking at the state, then {@link #await} it. */
  long count() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  void signal() {
    lock.lock();
    try {
      count++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until there has been a change since {@code seen}, or for {@code max}. */
  void await(long seen, Duration max) throws InterruptedException {
    long left = max.toNanos();
    lock.lock();
    try {
      while (count == seen && left > 0) {
        left = changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }
}
