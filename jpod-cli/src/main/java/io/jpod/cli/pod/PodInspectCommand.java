package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.cli.image.InspectOutput;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod pod inspect}: podman 4.3.1 prints one pod as a bare JSON object and several as an array.
 */
@Command(name = "inspect", description = "Displays a pod configuration")
public final class PodInspectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--format"}, description = "Format the output to a Go template or json") String format;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "POD") List<String> names = new ArrayList<>();

  public PodInspectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<String> targets = PodTargets.resolve(ctx, names, false, latest);
    List<Object> docs = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String n : targets) {
      try {
        docs.add(ctx.engine().inspectPod(n));
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
        errors.add("no such pod " + n);
      }
    }
    if (docs.size() == 1 && errors.isEmpty() && (format == null || format.isBlank() || Formats.isJson(format))) {
      ctx.out().println(InspectOutput.json(List.of(docs.getFirst())).lines().skip(1)
          .map(l -> l.startsWith("     ") ? l.substring(5) : l)
          .reduce((a, b) -> a + "\n" + b).orElse("").replaceFirst("\n]$", ""));
      return 0;
    }
    InspectOutput.print(ctx, format, docs, errors);
    return 0;
  }
}
