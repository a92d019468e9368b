package io.jpod.cli;

import io.jpod.common.JpodException;
import io.jpod.config.ConfigLoader;
import io.jpod.config.EngineSettings;
import io.jpod.config.GlobalOverrides;
import io.jpod.core.Libpod;
import io.jpod.core.LibpodOptions;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What every command gets instead of global state: the streams, the global flags, and the engine,
 * opened on first use with the configuration those flags select.
 */
public final class CliContext implements AutoCloseable {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final GlobalOptions globals;
  private final Path launcher;
  private Libpod libpod;
  private EngineSettings settings;
  private io.jpod.cli.engine.ContainerEngine engine;

  private Prefetch prefetch;

  public CliContext(InputStream in, PrintStream out, PrintStream err, GlobalOptions globals, Path launcher) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.globals = globals;
    this.launcher = launcher;
  }

  /** Uses the configuration {@code p} is reading in the background instead of reading it again. */
  void prefetched(Prefetch p) {
    this.prefetch = p;
  }

  public InputStream in() {
    return in;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public GlobalOptions globals() {
    return globals;
  }

  /** containers.conf layered with the global flags. */
  public EngineSettings settings() {
    if (settings == null) {
      GlobalOverrides o = GlobalOverrides.none();
      if (globals.root != null) o = o.withRoot(globals.root);
      if (globals.runRoot != null) o = o.withRunRoot(globals.runRoot);
      if (globals.runtime != null) o = o.withRuntime(globals.runtime);
      if (globals.cgroupManager != null) o = o.withCgroupManager(globals.cgroupManager);
      if (globals.tmpDir != null) o = o.withTmpDir(globals.tmpDir);
      if (globals.logLevel != null) o = o.withLogLevel(globals.logLevel);
      if (globals.conmon != null) o = o.withConmon(globals.conmon);
      if (globals.eventsBackend != null) o = o.withEventsBackend(globals.eventsBackend);
      if (globals.storageDriver != null) o = o.withStorageDriver(globals.storageDriver);
      if (globals.storageOpts != null) o = o.withStorageOpts(globals.storageOpts);
      settings = (prefetch != null ? prefetch.config() : ConfigLoader.loadDefault()).withOverrides(o);
      io.jpod.common.Trace.mark("config loaded");
    }
    return settings;
  }

  /**
   * The service to talk to instead of the library: {@code --url}, else {@code CONTAINER_HOST}, else
   * the default socket with {@code --remote}; null in local mode.
   */
  public io.jpod.api.ListenAddress remoteAddress() {
    String host = globals.url;
    if (host == null || host.isEmpty()) {
      String env = System.getenv("CONTAINER_HOST");
      host = env != null && !env.isEmpty() ? env : globals.remote ? io.jpod.api.ListenAddress.DEFAULT : null;
    }
    return host == null ? null : io.jpod.api.ListenAddress.parse(host);
  }

  public boolean remote() {
    return remoteAddress() != null;
  }

  /** The engine the commands drive: the library in this process, or the service in remote mode. */
  public io.jpod.cli.engine.ContainerEngine engine() {
    if (engine == null) {
      io.jpod.api.ListenAddress a = remoteAddress();
      engine = a != null ? new io.jpod.cli.remote.RemoteEngine(new io.jpod.cli.remote.LibpodClient(a))
          : new io.jpod.cli.engine.LocalEngine(libpod());
    }
    return engine;
  }

  /** The library, opened on first use; commands that only work locally fail here in remote mode. */
  public Libpod libpod() {
    if (libpod == null && remote()) {
      throw JpodException.invalid("this command is not supported in remote mode (--remote, --url, CONTAINER_HOST)");
    }
    if (libpod == null) {
      libpod = Libpod.open(options(settings()));
      io.jpod.common.Trace.mark("libpod open");
    }
    return libpod;
  }

  private LibpodOptions options(EngineSettings s) {
    LibpodOptions o = LibpodOptions.fromSettings(s, launcher, globals.runtime != null);
    if (globals.networkBackend != null) {
      o = o.withNetworkBackend(globals.networkBackend);
    }
    return globals.networkConfigDir == null ? o : o.withNetworkConfigDir(Path.of(globals.networkConfigDir));
  }

  public boolean debug() {
    return "debug".equals(globals.logLevel) || "trace".equals(globals.logLevel);
  }

  @Override
  public void close() {
    if (libpod != null) {
      libpod.close();
    }
  }
}
