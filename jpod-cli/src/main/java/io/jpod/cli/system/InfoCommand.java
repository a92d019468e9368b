package io.jpod.cli.system;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.core.Libpod;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.oci.OciRuntime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod info}: host, store and version facts, as podman's YAML (or --format). */
@Command(name = "info", description = "Display jpod system information")
public final class InfoCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--format"}, description = "Change the output format to JSON or a Go template") String format;

  public InfoCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Libpod lp = ctx.libpod();
    OciRuntime rt = lp.defaultRuntime();
    var o = lp.options();
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("arch", "amd64");
    host.put("cgroupManager", o.cgroupManager());
    host.put("cgroupVersion", lp.cgroupMode().infoName());
    host.put("conmon", Map.of("path", safeConmon(lp), "package", "conmon"));
    host.put("eventLogger", o.eventsLogger());
    host.put("hostname", hostname());
    host.put("kernel", System.getProperty("os.version"));
    host.put("logDriver", o.defaults().logDriver());
    host.put("networkBackend", lp.networks().backend().name());
    host.put("ociRuntime", Map.of("name", rt.name(), "path", rt.path()));
    host.put("os", "linux");
    host.put("remoteSocket", Map.of("path", "/run/podman/podman.sock"));
    host.put("security", Map.of("capabilities", String.join(",", o.defaults().capabilities()), "rootless", false,
        "seccompEnabled", true, "seccompProfilePath", o.defaults().seccompProfile()));
    Map<String, Object> store = new LinkedHashMap<>();
    var containers = lp.state().containers();
    long running = containers.stream().filter(r -> r.state().status() == ContainerStatus.RUNNING).count();
    long paused = containers.stream().filter(r -> r.state().status() == ContainerStatus.PAUSED).count();
    store.put("containerStore", Map.of("number", containers.size(), "paused", paused, "running", running,
        "stopped", containers.size() - running - paused));
    store.put("graphDriverName", o.storageDriver());
    store.put("graphRoot", o.graphRoot().toString());
    store.put("imageStore", Map.of("number", lp.store().images().list().size()));
    store.put("runRoot", o.runRoot().toString());
    Map<String, Object> version = new LinkedHashMap<>();
    version.put("APIVersion", io.jpod.cli.VersionCommand.PODMAN_API);
    version.put("Version", io.jpod.cli.VersionCommand.VERSION);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("host", host);
    info.put("store", store);
    info.put("version", version);
    if (format != null) {
      ctx.out().print(Formats.formatOne(format, info));
      if (!Formats.isJson(format)) {
        ctx.out().println();
      }
      return 0;
    }
    yaml(info, 0);
    return 0;
  }

  private static String safeConmon(Libpod lp) {
    try {
      return lp.conmonPath();
    } catch (RuntimeException e) {
      return "";
    }
  }

  private void yaml(Map<String, Object> m, int indent) {
    String pad = " ".repeat(indent);
    for (var e : m.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> sub) {
        ctx.out().println(pad + e.getKey() + ":");
        @SuppressWarnings("unchecked")
        Map<String, Object> s = (Map<String, Object>) sub;
        yaml(new java.util.TreeMap<>(s), indent + 2);
      } else if (e.getValue() instanceof List<?> l) {
        ctx.out().println(pad + e.getKey() + ":");
        l.forEach(x -> ctx.out().println(pad + "- " + x));
      } else {
        ctx.out().println(pad + e.getKey() + ": " + e.getValue());
      }
    }
  }

  private static String hostname() {
    try {
      return io.jpod.common.KernelFiles.read(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
