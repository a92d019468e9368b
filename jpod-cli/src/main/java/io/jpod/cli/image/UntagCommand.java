package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod untag IMAGE [NAME...]}: remove names from a local image (all of them when none are given). */
@Command(name = "untag", description = "Remove a name from a local image")
public final class UntagCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "IMAGE") List<String> args = new ArrayList<>();

  public UntagCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw JpodException.invalid("requires at least 1 arg(s), only received 0");
    }
    ctx.libpod().images().untag(args.getFirst(), args.subList(1, args.size()));
    return 0;
  }
}
