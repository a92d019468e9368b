package io.jpod.cli;

import io.jpod.cli.format.Formats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** {@code jpod version}. */
@Command(name = "version", description = "Display the jpod version information")
public final class VersionCommand implements Callable<Integer> {
  public static final String VERSION = "0.1.0";
  /** The podman release whose behaviour jpod follows (and whose API version it reports). */
  public static final String PODMAN_API = "4.3.1";

  private final CliContext ctx;

  @Option(names = {"-f", "--format"}, description = "Change the output format to JSON or a Go template") String format;

  public VersionCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  static Map<String, Object> client() {
    return io.jpod.core.system.SystemInfo.version(VERSION);
  }

  @Override
  public Integer call() {
    Map<String, Object> c = client();
    Map<String, Object> server = ctx.remote() ? server(ctx.engine().serverVersion()) : null;
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Client", c);
    if (server != null) {
      doc.put("Server", server);
    }
    if (format != null && Formats.isJson(format)) {
      ctx.out().println(Formats.toCompactJson(doc));
      return 0;
    }
    if (format != null) {
      ctx.out().print(Formats.formatOne(format, doc));
      return 0;
    }
    section("Client", c);
    if (server != null) {
      ctx.out().println();
      section("Server", server);
    }
    return 0;
  }

  private void section(String title, Map<String, Object> v) {
    ctx.out().println(title + ":       " + (title.equals("Client") ? "jpod Engine" : "Podman Engine"));
    ctx.out().println("Version:      " + v.get("Version"));
    ctx.out().println("API Version:  " + v.get("APIVersion"));
    ctx.out().println("Go Version:   " + v.get("GoVersion"));
    if (v.get("GitCommit") != null && !String.valueOf(v.get("GitCommit")).isEmpty()) {
      ctx.out().println("Git Commit:   " + v.get("GitCommit"));
    }
    ctx.out().println("Built:        " + v.get("BuiltTime"));
    ctx.out().println("OS/Arch:      " + v.get("OsArch"));
  }

  /** The service's /version document in the shape of podman's Server section (as podman's bindings build it). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> server(Map<String, Object> v) {
    Map<String, Object> s = new LinkedHashMap<>();
    String api = String.valueOf(v.getOrDefault("ApiVersion", ""));
    Object comps = v.get("Components");
    if (comps instanceof java.util.List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m && "Podman Engine".equals(m.get("Name")) && m.get("Details") instanceof Map<?, ?> d
            && d.get("APIVersion") != null) {
          api = String.valueOf(d.get("APIVersion"));
        }
      }
    }
    long built = 0;
    try {
      built = java.time.OffsetDateTime.parse(String.valueOf(v.get("BuildTime"))).toEpochSecond();
    } catch (RuntimeException e) {
      // podman prints the epoch then
    }
    s.put("APIVersion", api);
    s.put("Version", v.getOrDefault("Version", ""));
    s.put("GoVersion", v.getOrDefault("GoVersion", ""));
    s.put("GitCommit", v.getOrDefault("GitCommit", ""));
    s.put("BuiltTime", java.time.format.DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", java.util.Locale.ROOT)
        .format(java.time.Instant.ofEpochSecond(built).atZone(java.time.ZoneId.systemDefault())));
    s.put("Built", built);
    s.put("OsArch", v.getOrDefault("Os", "linux") + "/" + v.getOrDefault("Arch", "amd64"));
    s.put("Os", v.getOrDefault("Os", "linux"));
    return s;
  }

  /** {@code jpod --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"jpod version " + VERSION};
    }
  }
}
