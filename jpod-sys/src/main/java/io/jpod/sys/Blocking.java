package io.jpod.sys;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Work that blocks in native code (read, poll, waitpid through FFM) holds a virtual thread's carrier
 * for as long as it blocks, and there are only as many carriers as cores: a few such waits would stall
 * every other virtual thread (the API service's requests). Such work runs here on a platform thread,
 * which the virtual caller waits for parked.
 */
public final class Blocking {
  private Blocking() {}

  /**
   * Runs {@code work} on this thread if it is a platform thread, else on a new daemon platform thread
   * named {@code name} while this one parks. Its unchecked exceptions reach the caller as they are.
   *
   * @throws InterruptedException when the waiting virtual thread is interrupted (the work goes on)
   */
  public static <T> T offCarrier(String name, Callable<T> work) throws InterruptedException {
    if (!Thread.currentThread().isVirtual()) {
      return call(work);
    }
    FutureTask<T> task = new FutureTask<>(work);
    Thread.ofPlatform().daemon().name(name).start(task);
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static <T> T call(Callable<T> work) {
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
