package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code jpod image ls} / {@code jpod image list}: the same as {@code images}. */
@Command(name = "ls", aliases = "list", description = "List images in local storage")
public final class ImageListCommand extends ImageListing {
  public ImageListCommand(CliContext ctx) {
    super(ctx);
  }
}
