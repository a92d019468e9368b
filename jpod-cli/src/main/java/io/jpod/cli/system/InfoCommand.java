package io.jpod.cli.system;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
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
    Map<String, Object> info = ctx.engine().info(io.jpod.cli.VersionCommand.VERSION);
    if (format != null && Formats.isJson(format)) {
      ctx.out().print(Formats.toJsonIndent2(info));
      return 0;
    }
    if (format != null) {
      ctx.out().print(Formats.formatOne(format, info));
      return 0;
    }
    ctx.out().println(io.jpod.cli.format.GoYaml.write(info)); // podman ends it with an empty line
    return 0;
  }
}
