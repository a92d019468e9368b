package io.jpod.cli.volume;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod volume mount NAME}: mounts the volume when its options need it and prints its mount point. */
@Command(name = "mount", description = "Mount volume")
public final class VolumeMountCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "NAME") List<String> args = new ArrayList<>();

  public VolumeMountCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 1) {
      throw JpodException.invalid("accepts 1 arg(s), received " + args.size());
    }
    ctx.out().println(ctx.libpod().volumes().mount(args.getFirst()));
    return 0;
  }
}
