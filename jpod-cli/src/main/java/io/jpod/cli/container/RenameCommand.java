package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod rename}: give a container a new name. */
@Command(name = "rename", description = "Rename an existing container")
public final class RenameCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "CONTAINER") String container;
  @Parameters(index = "1", paramLabel = "NAME") String name;

  public RenameCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.engine().rename(container, name);
    return 0;
  }
}
