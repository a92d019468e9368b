package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.image.ImageService;
import io.jpod.core.image.RemoveReport;
import io.jpod.core.image.RemoveResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod rmi} / {@code jpod image rm}: remove images. Prints every {@code Untagged:} line, then every
 * {@code Deleted:} line; failures are joined into one error. Exit codes as podman's: 2 when the last
 * failure is an image in use, 1 when it is a missing image, otherwise 125.
 */
@Command(name = "rmi", description = "Removes one or more images from local storage")
public class RmiCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Remove all images") boolean all;
  @Option(names = {"-f", "--force"}, description = "Force Removal of the image") boolean force;
  @Option(names = {"-i", "--ignore"}, description = "Ignore errors if a specified image does not exist") boolean ignore;
  @Option(names = "--no-prune", description = "Do not remove dangling images") boolean noPrune;
  @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> images = new ArrayList<>();

  public RmiCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (images.isEmpty() && !all) {
      throw JpodException.invalid("image name or ID must be specified");
    }
    if (!images.isEmpty() && all) {
      throw JpodException.invalid("when using the --all switch, you may not pass any images names or IDs");
    }
    if (ctx.remote()) {
      return io.jpod.cli.Batch.each(ctx, images, n -> ctx.engine().removeImage(n, force).forEach(ctx.out()::println),
          io.jpod.cli.Batch::rmFamily);
    }
    RemoveResult result = ctx.libpod().images().remove(images, force, all, ignore, noPrune);
    for (RemoveReport r : result.reports()) {
      r.untagged().forEach(n -> ctx.out().println("Untagged: " + n));
    }
    for (RemoveReport r : result.reports()) {
      if (r.removed()) {
        ctx.out().println("Deleted: " + r.id());
      }
    }
    ctx.out().flush();
    if (result.errors().isEmpty()) {
      return 0;
    }
    ctx.err().println("Error: " + ImageService.join(result.errors()).getMessage());
    return switch (result.errors().getLast().kind()) {
      case NOT_FOUND -> 1;
      case CONFLICT -> 2;
      default -> 125;
    };
  }
}
