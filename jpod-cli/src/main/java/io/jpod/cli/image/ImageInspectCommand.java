package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod image inspect}: podman's JSON for images. */
@Command(name = "inspect", description = "Display the configuration of an image")
public final class ImageInspectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--format"}, description = "Format the output to a Go template or json") String format;
  @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> names = new ArrayList<>();

  public ImageInspectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (names.isEmpty()) {
      throw JpodException.invalid("no names or ids specified");
    }
    List<Object> docs = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String n : names) {
      try {
        docs.add(ImageViews.inspect(ctx.libpod().images().inspect(n)));
      } catch (JpodException e) {
        errors.add(e.getMessage());
      }
    }
    InspectOutput.print(ctx, format, docs, errors);
    return 0;
  }
}
