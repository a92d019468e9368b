package io.jpod.cli.volume;

import io.jpod.cli.CliContext;
import io.jpod.cli.image.InspectOutput;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod volume inspect}: podman's JSON array, or a template per volume. */
@Command(name = "inspect", description = "Display detailed information on one or more volumes")
public final class VolumeInspectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Inspect all volumes") boolean all;
  @Option(names = {"-f", "--format"}, description = "Format volume output using Go template") String format;
  @Parameters(arity = "0..*", paramLabel = "VOLUME") List<String> names = new ArrayList<>();

  public VolumeInspectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (all && !names.isEmpty()) {
      throw JpodException.invalid("provide one or more volume names or use --all");
    }
    if (!all && names.isEmpty()) {
      throw JpodException.invalid("provide one or more volume names or use --all");
    }
    boolean full = format != null && !format.isBlank() && !io.jpod.cli.format.Formats.isJson(format);
    List<Object> docs = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    if (ctx.remote()) {
      if (all) {
        docs.addAll(ctx.engine().volumes(List.of()));
      }
      for (String n : names) {
        try {
          docs.add(ctx.engine().inspectVolume(n));
        } catch (JpodException e) {
          if (e.kind() != io.jpod.common.ErrorKind.NOT_FOUND) {
            throw e;
          }
          errors.add("no such volume " + n);
        }
      }
      InspectOutput.print(ctx, format, docs, errors);
      return 0;
    }
    if (all) {
      ctx.libpod().volumes().list().forEach(v -> docs.add(VolumeViews.inspect(ctx.libpod(), v, full)));
    }
    for (String n : names) {
      var v = ctx.libpod().volumes().find(n);
      if (v.isPresent()) {
        docs.add(VolumeViews.inspect(ctx.libpod(), v.get(), full));
      } else {
        errors.add("no such volume " + n);
      }
    }
    InspectOutput.print(ctx, format, docs, errors);
    return 0;
  }
}
