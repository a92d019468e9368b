package io.jpod.cli.volume;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.volume.VolumeService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod volume create [NAME]}: prints the new volume's name. */
@Command(name = "create", description = "Create a new volume")
public final class VolumeCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--driver", description = "Specify volume driver name") String driver = "local";
  @Option(names = {"-l", "--label"}, description = "Set metadata for a volume (e.g. --label mykey=value)") List<String> labels = new ArrayList<>();
  @Option(names = {"-o", "--opt"}, description = "Set driver specific options") List<String> opts = new ArrayList<>();
  @Option(names = "--ignore", description = "Don't fail if volume already exists") boolean ignore;
  @Parameters(arity = "0..*", paramLabel = "NAME") List<String> args = new ArrayList<>();

  public VolumeCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() > 1) {
      throw JpodException.invalid("too many arguments, create takes at most 1 argument");
    }
    String name = args.isEmpty() ? null : args.getFirst();
    if (ignore && name != null && (ctx.remote() ? ctx.engine().volumes(List.of("name=" + name)).stream()
        .anyMatch(v -> name.equals(v.get("Name"))) : ctx.libpod().volumes().exists(name))) {
      ctx.out().println(name);
      return 0;
    }
    var req = new VolumeService.CreateRequest(name, driver, keyValues(labels, false), keyValues(opts, true));
    ctx.out().println(ctx.engine().createVolume(req));
    return 0;
  }

  /** KEY=VALUE items; a label without "=" has an empty value, an option without one is refused. */
  private static Map<String, String> keyValues(List<String> items, boolean options) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : items) {
      int eq = kv.indexOf('=');
      if (eq < 0 && options) {
        throw JpodException.invalid("invalid volume option: " + kv + " (must be KEY=VALUE)");
      }
      m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    return m;
  }
}
