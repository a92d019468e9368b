package io.jpod.cli.system;

import io.jpod.cli.CliContext;
import io.jpod.core.lock.StaleLocks;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code jpod system renumber}: podman reassigns its shared-memory lock numbers; jpod's locks are
 * files named by id (see {@link StaleLocks}), so it only deletes the lock files of containers and pods
 * that no longer exist. Like podman's, it prints nothing.
 */
@Command(name = "renumber", description = "Migrate lock numbers")
public final class RenumberCommand implements Callable<Integer> {
  private final CliContext ctx;

  public RenumberCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var state = ctx.libpod().state();
    Set<String> live = new HashSet<>();
    state.containers().forEach(r -> live.add(r.config().id()));
    state.pods().forEach(p -> live.add(p.id()));
    StaleLocks.remove(ctx.libpod().locks(), live);
    return 0;
  }
}
