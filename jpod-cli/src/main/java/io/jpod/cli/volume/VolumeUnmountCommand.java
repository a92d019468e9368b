package io.jpod.cli.volume;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod volume unmount NAME}: undoes one {@code volume mount} and prints the name. podman 4.3.1
 * has no {@code umount} alias for it, so neither does jpod.
 */
@Command(name = "unmount", description = "Unmount volume")
public final class VolumeUnmountCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "NAME") List<String> args = new ArrayList<>();

  public VolumeUnmountCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 1) {
      throw JpodException.invalid("accepts 1 arg(s), received " + args.size());
    }
    ctx.libpod().volumes().unmount(args.getFirst());
    ctx.out().println(args.getFirst());
    return 0;
  }
}
