package io.jpod.core;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo actions for a multi-step operation, run in reverse order on close unless {@link #commit()} was
 * called: the Java shape of podman's {@code defer func() { if retErr != nil { ... } }}.
 */
public final class Rollback implements AutoCloseable {
  private final Deque<Runnable> undo = new ArrayDeque<>();
  private boolean committed;

  public void add(Runnable action) {
    undo.push(action);
  }

  public void commit() {
    committed = true;
  }

  @Override
  public void close() {
    if (committed) {
      return;
    }
    while (!undo.isEmpty()) {
      try {
        undo.pop().run();
      } catch (RuntimeException e) {
        // Keep undoing: the original failure is what the user must see, not a cleanup one.
        io.jpod.common.Logrus.warn("rollback step failed: " + e.getMessage());
      }
    }
  }
}
