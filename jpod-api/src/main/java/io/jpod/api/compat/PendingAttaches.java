package io.jpod.api.compat;

import io.jpod.core.oci.conmon.AttachSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Attach requests that arrived before their container started ({@code docker run} attaches, then
 * starts). The start connects each to conmon's attach socket between the runtime's create and start,
 * so the first output reaches them.
 */
final class PendingAttaches {
  private final Map<String, List<CompletableFuture<AttachSession>>> waiting = new ConcurrentHashMap<>();

  CompletableFuture<AttachSession> register(String id) {
    CompletableFuture<AttachSession> f = new CompletableFuture<>();
    waiting.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(f);
    return f;
  }

  void cancel(String id, CompletableFuture<AttachSession> f) {
    waiting.computeIfPresent(id, (k, l) -> {
      l.remove(f);
      return l.isEmpty() ? null : l;
    });
    f.cancel(false);
    if (f.isDone() && !f.isCancelled() && !f.isCompletedExceptionally()) {
      f.join().close();
    }
  }

  /** The start hook: connects every waiting attach of {@code id}. */
  void connect(String id, Path attachSocket) {
    List<CompletableFuture<AttachSession>> l = waiting.remove(id);
    if (l == null) {
      return;
    }
    for (CompletableFuture<AttachSession> f : l) {
      try {
        AttachSession s = AttachSession.connect(attachSocket);
        if (!f.complete(s)) {
          s.close();
        }
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    }
  }
}
