package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod image exists IMAGE}: exit 0 if the image is in local storage, 1 if not. */
@Command(name = "exists", description = "Check if an image exists in local storage")
public final class ImageExistsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> args = new ArrayList<>();

  public ImageExistsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 1) {
      throw JpodException.invalid("accepts 1 arg(s), received " + args.size());
    }
    return ctx.libpod().images().exists(args.getFirst()) ? 0 : 1;
  }
}
