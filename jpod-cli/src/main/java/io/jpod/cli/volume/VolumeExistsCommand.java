package io.jpod.cli.volume;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod volume exists NAME}: exit 0 if the volume exists, 1 if not. */
@Command(name = "exists", description = "Check if volume exists")
public final class VolumeExistsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "VOLUME") List<String> args = new ArrayList<>();

  public VolumeExistsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 1) {
      throw JpodException.invalid("accepts 1 arg(s), received " + args.size());
    }
    return ctx.libpod().volumes().exists(args.getFirst()) ? 0 : 1;
  }
}
