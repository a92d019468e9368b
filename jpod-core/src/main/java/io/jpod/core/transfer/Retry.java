package io.jpod.core.transfer;

import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * podman's retry of registry operations that failed in transit (connection refused, reset, timed out):
 * three more attempts one second apart, each announced with podman's warning line. Answers from the
 * registry (unauthorized, unknown manifest) are not retried.
 */
final class Retry {
  static final int ATTEMPTS = 3;

  private Retry() {}

  static <T> T run(Supplier<T> op, Consumer<String> warn) {
    for (int attempt = 1; ; attempt++) {
      try {
        return op.get();
      } catch (JpodException e) {
        if (attempt > ATTEMPTS || !isTransient(e)) {
          throw e;
        }
        warn.accept("Failed, retrying in 1s ... (" + attempt + "/" + ATTEMPTS + "). Error: " + e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  static boolean isTransient(JpodException e) {
    if (e.kind() != ErrorKind.REGISTRY && e.kind() != ErrorKind.SYSTEM) {
      return false;
    }
    boolean io = false;
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      // A certificate problem will not go away by asking again.
      if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.GeneralSecurityException) {
        return false;
      }
      io |= t instanceof IOException;
    }
    return io;
  }
}
