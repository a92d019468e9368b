package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jpod run}: create and start a container, attached unless {@code -d}. */
@Command(name = "run", description = "Run a command in a new container")
public final class RunCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin CreateFlags flags;

  @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
  boolean detach;

  @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container")
  String detachKeys;

  @Option(names = {"-a", "--attach"}, description = "Attach to STDIN, STDOUT or STDERR")
  java.util.List<String> attach = new java.util.ArrayList<>();

  @Option(names = "--sig-proxy", description = "Proxy received signals to the process", defaultValue = "true", arity = "0..1")
  boolean sigProxy = true;

  public RunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    for (String a : attach) {
      if (!java.util.List.of("stdin", "stdout", "stderr").contains(a.toLowerCase(java.util.Locale.ROOT))) {
        throw JpodException.invalid("invalid stream \"" + a + "\" for --attach - must be one of stdin, stdout, or stderr: invalid argument");
      }
    }
    if (ctx.remote()) {
      return remote();
    }
    var createCommand = CreateCommand.commandLine(ctx);
    // pulled after validation (bad flags must not leave a pulled image behind)
    var spec = flags.pullImageIfNeeded(ctx, flags.toSpec(createCommand), createCommand);
    flags.checkSeccompPolicy(ctx, spec);
    io.jpod.common.Trace.mark("spec built");
    ContainerService containers = ctx.libpod().containers();
    var rec = flags.create(ctx, () -> containers.create(spec), r -> r.config().id());
    io.jpod.common.Trace.mark("created");
    String id = rec.config().id();
    try {
      if (detach) {
        containers.start(id);
        flags.notifyReady(ctx, id);
        if (!rec.config().logDriver().equals("passthrough")) {
          // podman prints no id there: stdout is the container's own (a systemd unit's journal)
          ctx.out().println(id);
        }
        ctx.out().flush();
        return 0;
      }
      var streams = attached(Terminals.streams(ctx, flags.interactive, flags.tty, detachKeys));
      ContainerService.AttachResult result;
      try (Terminals term = Terminals.rawIfTty(flags.tty && flags.interactive);
          SignalProxy proxy = SignalProxy.forward(ctx, id, sigProxy)) {
        result = containers.startAttached(id, streams, () -> {
          if (flags.tty) {
            Terminals.sendWindowSize(containers.paths(rec.config()));
          }
        });
      }
      ctx.out().flush();
      return result.exitCode();
    } catch (JpodException e) {
      if (flags.rm) {
        try {
          containers.remove(id, true, 0, true); // --rm takes the anonymous volumes along
        } catch (JpodException ignored) {
          // the original failure is the one to report
        }
      }
      throw startFailure(e);
    }
  }

  /**
   * {@code -a}: only the named streams are connected (the others still go to the log); without it,
   * all of them as usual.
   */
  private ContainerService.Streams attached(ContainerService.Streams all) {
    if (attach.isEmpty()) {
      return all;
    }
    java.util.Set<String> want = new java.util.HashSet<>();
    attach.forEach(a -> want.add(a.toLowerCase(java.util.Locale.ROOT)));
    java.io.OutputStream none = java.io.OutputStream.nullOutputStream();
    return new ContainerService.Streams(want.contains("stdin") ? all.in() : null,
        want.contains("stdout") ? all.out() : none, want.contains("stderr") ? all.err() : none, all.detachKeys());
  }

  /** run through the service: pull when missing, create, then start detached or attach-then-start. */
  private int remote() {
    var engine = ctx.engine();
    var spec = flags.toSpec(CreateCommand.commandLine(ctx));
    CreateCommand.pullRemotely(ctx, spec);
    String id = flags.create(ctx, () -> engine.create(spec), x -> x);
    try {
      if (detach) {
        engine.start(id);
        ctx.out().println(id);
        ctx.out().flush();
        return 0;
      }
      var streams = new ContainerService.Streams(flags.interactive ? ctx.in() : null, ctx.out(), ctx.err(), java.util.List.of());
      try (Terminals term = Terminals.rawIfTty(flags.tty && flags.interactive);
          SignalProxy proxy = SignalProxy.forward(ctx, id, sigProxy)) {
        int code = engine.startAttached(id, flags.tty, streams).exitCode();
        ctx.out().flush();
        return code;
      }
    } catch (JpodException e) {
      if (flags.rm) {
        try {
          engine.remove(id, true, 0, true);
        } catch (JpodException ignored) {
          // the original failure is the one to report
        }
      }
      throw startFailure(e);
    }
  }

  /**
   * podman's {@code run} reports a container that was created but could not start with the exit code
   * of {@code define.ExitCode}: 127 when the error says something was not found, 126 otherwise (a
   * busy host port, a taken address, a runtime refusal), never the engine's 125.
   */
  static JpodException startFailure(JpodException e) {
    if (e.kind() == ErrorKind.RUNTIME_NOT_FOUND || e.kind() == ErrorKind.RUNTIME_CANNOT_INVOKE) {
      return e;
    }
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
    boolean notFound = m.contains("not found") || m.contains("executable path is empty") || m.contains("no such file");
    return new JpodException(notFound ? ErrorKind.RUNTIME_NOT_FOUND : ErrorKind.RUNTIME_CANNOT_INVOKE, e.getMessage(), e);
  }
}
