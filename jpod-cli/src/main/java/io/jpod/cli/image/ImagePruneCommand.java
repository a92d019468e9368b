package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.image.RemoveReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod image prune}: remove dangling images (with {@code -a}, all images no container uses). */
@Command(name = "prune", description = "Remove unused images")
public final class ImagePruneCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Remove all images not in use by containers, not just dangling ones") boolean all;
  @Option(names = "--external", description = "Remove images even when they are used by external containers (e.g., by build containers)") boolean external;
  @Option(names = "--filter", description = "Provide filter values (e.g. 'label=<key>=<value>')") List<String> filters = new ArrayList<>();
  @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation") boolean force;

  public ImagePruneCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (!force) {
      String warning = all
          ? "WARNING! This command removes all images without at least one container associated with them.\n"
          : "WARNING! This command removes all dangling images.\n";
      if (!io.jpod.cli.Prompts.confirm(ctx, warning + "Are you sure you want to continue? [y/N] ")) {
        return 0;
      }
    }
    for (RemoveReport r : ctx.libpod().images().prune(all, filters)) {
      ctx.out().println(r.id());
    }
    return 0;
  }
}
