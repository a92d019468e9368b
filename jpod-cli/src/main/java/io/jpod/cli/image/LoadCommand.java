package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.transfer.ImageArchives;
import io.jpod.image.archive.Platform;
import io.jpod.sys.Terminal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod load}: load the images of a docker-archive or oci-archive (a file or stdin). */
@Command(name = "load", description = "Load image(s) from a tar archive")
public final class LoadCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-i", "--input"}, description = "Read from specified archive file (default: stdin)") String input;
  @Option(names = {"-q", "--quiet"}, description = "Suppress the output") boolean quiet;

  public LoadCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (input == null && Terminal.isatty(0)) {
      throw JpodException.invalid("cannot read from terminal, use command-line redirection or the --input flag");
    }
    var o = new RegistryFlags().options(ctx, Platform.host(), quiet);
    for (String name : new ImageArchives(ctx.libpod()).load(input == null ? null : Path.of(input), ctx.in(), o)) {
      ctx.out().println("Loaded image: " + name);
    }
    return 0;
  }
}
