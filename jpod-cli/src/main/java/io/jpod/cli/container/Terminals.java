package io.jpod.cli.container;

import io.jpod.core.oci.ContainerPaths;
import io.jpod.sys.Terminal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/** The user's terminal during an attached, tty session: raw mode and the window size. */
final class Terminals implements AutoCloseable {
  private final Terminal.TermState saved;

  private Terminals(Terminal.TermState saved) {
    this.saved = saved;
  }

  /** Puts stdin in raw mode when it is a terminal; the returned object restores it. */
  static Terminals rawIfTty(boolean tty) {
    if (tty && Terminal.isatty(0)) {
      return new Terminals(Terminal.makeRaw(0));
    }
    return new Terminals(null);
  }

  /** Tells conmon the terminal's size through the ctl fifo ("1 rows cols"). */
  static void sendWindowSize(ContainerPaths paths) {
    Terminal.windowSize(1).or(() -> Terminal.windowSize(0)).ifPresent(ws -> {
      try {
        Files.writeString(paths.ctlFifo(), "1 " + ws.rows() + " " + ws.cols() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
      } catch (IOException e) {
        // the container may already be gone; a wrong size is not worth failing for
      }
    });
  }

  /**
   * The caller's streams for an attached session: stdin only when {@code stdin}, and detach keys (the
   * flag's, else containers.conf's) only when the user types into a terminal, as podman does.
   */
  static io.jpod.core.container.ContainerService.Streams streams(
      io.jpod.cli.CliContext ctx, boolean stdin, boolean detachable, String detachKeysFlag) {
    String keys = detachKeysFlag != null ? detachKeysFlag : ctx.libpod().options().defaults().detachKeys();
    return new io.jpod.core.container.ContainerService.Streams(
        stdin ? ctx.in() : null,
        ctx.out(),
        ctx.err(),
        stdin && detachable ? io.jpod.core.oci.conmon.AttachSession.parseDetachKeys(keys) : java.util.List.of());
  }

  @Override
  public void close() {
    if (saved != null) {
      Terminal.restore(0, saved);
    }
  }
}
