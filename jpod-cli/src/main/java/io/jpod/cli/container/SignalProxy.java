package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Forwards the signals jpod receives while attached to a container ({@code run}, {@code start -a},
 * {@code attach}) to the container's process, as podman's --sig-proxy does: a SIGTERM sent to the
 * foreground jpod reaches the container instead of killing jpod and leaving the container behind.
 *
 * <p>Not forwarded, as podman: SIGCHLD, SIGPIPE, SIGURG and SIGWINCH (the last resizes the terminal
 * instead); SIGKILL and SIGSTOP cannot be caught, and the JVM keeps SIGQUIT, SIGILL, SIGFPE and
 * SIGSEGV for itself.
 */
final class SignalProxy implements AutoCloseable {
  private static final List<String> FORWARDED = List.of(
      "HUP", "INT", "TRAP", "ABRT", "BUS", "USR1", "USR2", "ALRM", "TERM", "STKFLT", "CONT", "TSTP",
      "TTIN", "TTOU", "XCPU", "XFSZ", "VTALRM", "PROF", "IO", "PWR", "SYS");

  private record Installed(Signal signal, SignalHandler previous) {}

  private final List<Installed> installed = new ArrayList<>();
  private volatile boolean closed;
  private Thread installer;

  private SignalProxy() {}

  /**
   * Starts forwarding to {@code container} when {@code enabled}; close to stop. The handlers go in on
   * a second thread, beside the container's start: the first ones cost a fresh JVM some milliseconds.
   */
  static SignalProxy forward(CliContext ctx, String container, boolean enabled) {
    SignalProxy proxy = new SignalProxy();
    if (enabled) {
      proxy.installer = Thread.ofVirtual().start(() -> proxy.install(ctx, container));
    }
    return proxy;
  }

  private void install(CliContext ctx, String container) {
    for (String name : FORWARDED) {
      Signal s = new Signal(name);
      // as podman (Go's signal.Notify): a signal inherited ignored is forwarded all the same
      boolean wasIgnored = io.jpod.sys.Processes.unignore(s.getNumber());
      try {
        SignalHandler previous = Signal.handle(s, sig -> relay(ctx, container, sig.getNumber()));
        installed.add(new Installed(s, wasIgnored ? SignalHandler.SIG_IGN : previous));
      } catch (IllegalArgumentException e) {
        // this JVM keeps the signal for itself (e.g. under -Xrs): it cannot be forwarded
      }
    }
    io.jpod.common.Trace.mark("signals proxied");
  }

  private void relay(CliContext ctx, String container, int signo) {
    // off the JVM's signal thread: a kill takes the container's lock and runs the OCI runtime
    Thread.ofVirtual().start(() -> {
      if (closed) {
        return;
      }
      try {
        ctx.engine().kill(container, signo);
      } catch (JpodException e) {
        // the container exited meanwhile: its exit code is on its way to the attached command
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    if (installer != null) {
      boolean interrupted = false;
      while (installer.isAlive()) { // the handlers it puts in are taken out below
        try {
          installer.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    for (Installed i : installed) {
      Signal.handle(i.signal(), i.previous());
    }
    installed.clear();
  }
}
