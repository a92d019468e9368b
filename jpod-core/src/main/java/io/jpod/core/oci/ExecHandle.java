package io.jpod.core.oci;

import io.jpod.common.JpodException;
import io.jpod.core.oci.conmon.ConmonLauncher;
import io.jpod.core.oci.conmon.SyncPipe;
import java.time.Duration;

/**
 * A launched exec session.
 *
 * <pre>
 *  conmon --(attach pipe)--> {"data": 0}      attach socket is listening: connect now
 *  jpod   --(start pipe)---> second byte     conmon runs "runtime exec"
 *  conmon --(sync pipe)----> {"data": pid}   or {"data": -1, "message": ...}
 *  conmon --(sync pipe)----> {"data": exit code} when the process ends
 * </pre>
 */
public final class ExecHandle implements AutoCloseable {
  private final ConmonLauncher.Launched launched;
  private final ExecPaths paths;
  private final String runtimeName;

  ExecHandle(ConmonLauncher.Launched launched, ExecPaths paths, String runtimeName) {
    this.launched = launched;
    this.paths = paths;
    this.runtimeName = runtimeName;
  }

  public ExecPaths paths() {
    return paths;
  }

  /** Waits until conmon's attach socket for the session listens. */
  public void awaitAttachable() {
    SyncPipe attach = new SyncPipe(launched.attachPipe());
    SyncPipe.Message m = attach.read(Duration.ofSeconds(240), "exec session " + paths.sessionId());
    if (m.data() < 0) {
      throw JpodException.system("exec session " + paths.sessionId() + ": " + m.message());
    }
  }

  /** Lets conmon run the process; returns its pid or throws the runtime's error (126/127 kinds). */
  public long release() {
    launched.startPipe().write(new byte[] {0}, 0, 1);
    launched.startPipe().close();
    SyncPipe.Message m = launched.sync().read(Duration.ofSeconds(240), "exec session " + paths.sessionId());
    if (m.data() < 0) {
      String text = RuntimeErrors.lastLogError(paths.ociLog());
      throw RuntimeErrors.classify(runtimeName, text.isEmpty() ? m.message() : text);
    }
    return m.data();
  }

  /** Blocks until the process exits and returns its exit code. */
  public int awaitExit() {
    SyncPipe.Message m = launched.sync().read(Duration.ofDays(3650), "exec session " + paths.sessionId());
    return m.data();
  }

  @Override
  public void close() {
    launched.close();
  }
}
