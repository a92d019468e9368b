package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod tag IMAGE NAME...}: add names to a local image. */
@Command(name = "tag", description = "Add an additional name to a local image")
public final class TagCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "IMAGE TARGET_NAME") List<String> args = new ArrayList<>();

  public TagCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() < 2) {
      throw JpodException.invalid("requires at least 2 arg(s), only received " + args.size());
    }
    ctx.libpod().images().tag(args.getFirst(), args.subList(1, args.size()));
    return 0;
  }
}
