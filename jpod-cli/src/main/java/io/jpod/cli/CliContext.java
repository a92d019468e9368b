package io.jpod.cli;

import io.jpod.config.ConfigLoader;
import io.jpod.config.ContainersConf;
import io.jpod.config.EngineSettings;
import io.jpod.config.GlobalOverrides;
import io.jpod.config.units.ByteSize;
import io.jpod.core.Libpod;
import io.jpod.core.LibpodOptions;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  public CliContext(InputStream in, PrintStream out, PrintStream err, GlobalOptions globals, Path launcher) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.globals = globals;
    this.launcher = launcher;
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
      settings = ConfigLoader.loadDefault().withOverrides(o);
    }
    return settings;
  }

  /** The engine, opened on first use. */
  public Libpod libpod() {
    if (libpod == null) {
      libpod = Libpod.open(options(settings()));
    }
    return libpod;
  }

  private LibpodOptions options(EngineSettings s) {
    ContainersConf conf = s.containersConf();
    var c = conf.containers();
    var e = conf.engine();
    Map<String, String> sysctls = new LinkedHashMap<>();
    for (String kv : c.defaultSysctls()) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        sysctls.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
      }
    }
    Map<String, List<String>> runtimes = new LinkedHashMap<>(e.runtimes());
    if (!s.runtimePaths().isEmpty()) {
      runtimes.put(s.runtimeName(), s.runtimePaths());
    }
    var defaults =
        new LibpodOptions.ContainerDefaults(
            c.defaultCapabilities().stream().map(x -> x.startsWith("CAP_") ? x : "CAP_" + x).toList(),
            sysctls,
            c.defaultUlimits(),
            c.env(),
            c.resolveInitPath(),
            c.pidsLimit(),
            c.logDriver().isEmpty() ? "k8s-file" : c.logDriver(),
            c.logSizeMax(),
            ByteSize.parse(c.shmSize()),
            c.seccompProfile(),
            (int) e.stopTimeout(),
            c.cgroups(),
            e.detachKeys());
    return new LibpodOptions(
        Path.of(s.graphRoot()),
        Path.of(s.runRoot()),
        Path.of(s.tmpDir()),
        s.runtimeExplicit() ? s.runtimeName() : "",
        runtimes,
        s.conmonPaths(),
        s.cgroupManager(),
        s.logLevel(),
        s.eventsLogger(),
        e.runtimeSupportsJson(),
        e.noPivotRoot(),
        exitCommand(s),
        defaults);
  }

  /** conmon's exit command: this launcher with the global flags that make it see the same engine. */
  private List<String> exitCommand(EngineSettings s) {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(List.of("--root", s.graphRoot(), "--runroot", s.runRoot(), "--tmpdir", s.tmpDir()));
    cmd.addAll(List.of("--log-level", s.logLevel(), "--cgroup-manager", s.cgroupManager()));
    if (s.runtimeExplicit()) {
      cmd.addAll(List.of("--runtime", globals.runtime != null ? globals.runtime : s.runtimeName()));
    }
    cmd.addAll(List.of("--events-backend", s.eventsLogger()));
    return cmd;
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
