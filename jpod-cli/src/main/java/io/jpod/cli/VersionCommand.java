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
    if (format != null && Formats.isJson(format)) {
      ctx.out().println(Formats.toCompactJson(Map.of("Client", c)));
      return 0;
    }
    if (format != null) {
      ctx.out().print(Formats.formatOne(format, Map.of("Client", c)));
      return 0;
    }
    ctx.out().println("Client:       jpod Engine");
    ctx.out().println("Version:      " + c.get("Version"));
    ctx.out().println("API Version:  " + c.get("APIVersion"));
    ctx.out().println("Go Version:   " + c.get("GoVersion"));
    ctx.out().println("Built:        " + c.get("BuiltTime"));
    ctx.out().println("OS/Arch:      " + c.get("OsArch"));
    return 0;
  }

  /** {@code jpod --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"jpod version " + VERSION};
    }
  }
}
