package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import picocli.CommandLine.Command;

/** {@code jpod image rm}: the same as {@code rmi}. */
@Command(name = "rm", aliases = "remove", description = "Removes one or more images from local storage")
public final class ImageRmCommand extends RmiCommand {
  public ImageRmCommand(CliContext ctx) {
    super(ctx);
  }
}
