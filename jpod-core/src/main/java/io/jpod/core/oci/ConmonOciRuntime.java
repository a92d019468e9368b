package io.jpod.core.oci;

import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerConfig;
import io.jpod.core.oci.conmon.ConmonCommand;
import io.jpod.core.oci.conmon.ConmonLauncher;
import io.jpod.core.oci.conmon.SyncPipe;
import io.jpod.sys.ShortCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An OCI runtime run under conmon, as libpod's {@code ConmonOCIRuntime}. */
public record ConmonOciRuntime(String name, String path) implements OciRuntime {
  /** libpod's {@code define.ContainerCreateTimeout}. */
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(240);

  @Override
  public CreatedContainer create(ContainerConfig config, ContainerPaths paths, ConmonOptions options) {
    try (PreparedCreate prepared = prepareCreate(config, paths, options)) {
      return prepared.create();
    }
  }

  @Override
  public PreparedCreate prepareCreate(ContainerConfig config, ContainerPaths paths, ConmonOptions options) {
    ConmonCommand cmd =
        new ConmonCommand(
            options.conmonPath(),
            config.id(),
            config.name(),
            path,
            paths.bundle().toString(),
            paths.pidFile().toString(),
            paths.exitDir().toString(),
            config.logDriver(),
            paths.logPath().toString(),
            config.logSizeMax(),
            options.logLevel(),
            paths.ociLog().toString(),
            options.runtimeSupportsJson(),
            config.tty(),
            config.stdin(),
            options.noPivot(),
            paths.conmonPidFile().toString(),
            options.exitCommand(),
            options.systemdCgroup(),
            config.runOptions().timeout());
    // conmon opens (creates) the log file before it waits on the start pipe: one that only exists
    // because a conmon was started and then called off goes with it
    boolean logExisted = Files.exists(paths.logPath());
    ConmonLauncher.Pending pending =
        new ConmonLauncher()
            .prepare(cmd.argv(), options.env(), paths.conmonPidFile(), false, false, options.placeInCgroup(), options.heldFds(),
                config.logDriver().equals("passthrough"));
    return new PreparedCreate() {
      private boolean used;

      @Override
      public CreatedContainer create() {
        used = true;
        try (ConmonLauncher.Launched launched = pending.release()) {
          SyncPipe.Message msg = launched.sync().read(CREATE_TIMEOUT, "creating container " + config.id());
          if (msg.data() < 0) {
            String text = RuntimeErrors.lastLogError(paths.ociLog());
            if (text.isEmpty()) {
              text = msg.message().isEmpty() ? "runtime create failed" : msg.message();
            }
            delete(config.id());
            throw RuntimeErrors.classify(name, text);
          }
          return new CreatedContainer(msg.data(), launched.conmonPid());
        }
      }

      @Override
      public void close() {
        pending.close();
        if (!used && !logExisted) {
          try {
            Files.deleteIfExists(paths.logPath());
          } catch (IOException e) {
            // an empty log file is harmless
          }
        }
      }
    };
  }

  @Override
  public ExecHandle exec(ContainerConfig config, ExecPaths paths, ConmonOptions options, boolean terminal, boolean stdin) {
    List<String> argv = new ArrayList<>(List.of(
        options.conmonPath(), "--api-version", "1", "-c", config.id(), "-u", paths.sessionId(), "-r", path,
        "-b", paths.dir().toString(), "-p", paths.pidFile().toString(), "-n", config.name(),
        "--exit-dir", paths.exitDir().toString(), "--full-attach", "-l", "none", "--log-level", options.logLevel()));
    if (options.runtimeSupportsJson()) {
      argv.addAll(List.of("--runtime-arg", "--log-format=json", "--runtime-arg", "--log", "--runtime-arg=" + paths.ociLog()));
    }
    if (terminal) {
      argv.add("-t");
    } else if (stdin) {
      argv.add("-i");
    }
    argv.addAll(List.of("-e", "--exec-attach", "--exec-process-spec", paths.processSpec().toString()));
    argv.addAll(List.of("--conmon-pidfile", paths.conmonPidFile().toString()));
    argv.addAll(ConmonCommand.exitCommandArgs(options.exitCommand()));
    ConmonLauncher.Launched launched =
        new ConmonLauncher().launch(argv, options.env(), paths.conmonPidFile(), true, true, pid -> {});
    return new ExecHandle(launched, paths, name);
  }

  @Override
  public void start(String id) {
    io.jpod.common.Trace.mark("runtime start");
    run("start", List.of("start", id), false);
    io.jpod.common.Trace.mark("runtime started");
  }

  @Override
  public boolean kill(String id, int signal, boolean all) {
    List<String> args = new ArrayList<>(List.of("kill"));
    if (all) {
      args.add("--all");
    }
    args.add(id);
    args.add(Integer.toString(signal));
    return run("kill", args, true);
  }

  @Override
  public void pause(String id) {
    run("pause", List.of("pause", id), false);
  }

  @Override
  public void resume(String id) {
    run("resume", List.of("resume", id), false);
  }

  @Override
  public void update(String id, String resourcesJson) {
    java.nio.file.Path file = null;
    try {
      file = java.nio.file.Files.createTempFile("jpod-update", ".json");
      java.nio.file.Files.writeString(file, resourcesJson);
      run("update", List.of("update", "--resources", file.toString(), id), false);
    } catch (IOException e) {
      throw JpodException.system("writing the resources for " + id + ": " + e.getMessage(), e);
    } finally {
      if (file != null) {
        try {
          java.nio.file.Files.deleteIfExists(file);
        } catch (IOException e) {
          // a leftover temp file holds nothing secret
        }
      }
    }
  }

  @Override
  public void delete(String id) {
    io.jpod.common.Trace.mark("runtime delete");
    run("delete", List.of("delete", "--force", id), true);
  }

  /**
   * Runs the runtime binary; returns false when {@code tolerateGone} and the runtime says the
   * container or its process no longer exists.
   */
  private boolean run(String what, List<String> args, boolean tolerateGone) {
    List<String> argv = new ArrayList<>();
    argv.add(path);
    argv.addAll(args);
    ShortCommand.Result r = ShortCommand.run(argv, false, RUNTIME_ENV);
    if (r.exitCode() == 0) {
      return true;
    }
    String err = r.stderr().strip();
    String lower = err.toLowerCase();
    if (tolerateGone
        && (lower.contains("does not exist")
            || lower.contains("not running")
            || lower.contains("process already finished")
            || lower.contains("no such process")
            || lower.contains("container not running"))) {
      return false;
    }
    throw RuntimeErrors.classify(name, "`" + name + " " + what + "` failed: " + firstLine(err));
  }

  /**
   * The runtime's environment: jpod's, without a service manager's NOTIFY_SOCKET. That socket is for
   * jpod (--sdnotify=conmon); given it, runc would set up a notify proxy of its own at start and fail,
   * since create (run by conmon, which does not pass it on) made none.
   */
  private static final List<String> RUNTIME_ENV = System.getenv().entrySet().stream()
      .filter(e -> !e.getKey().equals("NOTIFY_SOCKET")).map(e -> e.getKey() + "=" + e.getValue()).toList();

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
