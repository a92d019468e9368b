package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code jpod images}: list images in local storage. */
@Command(name = "images", description = "List images in local storage")
public final class ImagesCommand extends ImageListing {
  public ImagesCommand(CliContext ctx) {
    super(ctx);
  }
}
