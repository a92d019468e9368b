package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.filesystem.ContainerMounts;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod umount} / {@code unmount}: drops one use of each container's mount (every use with
 * {@code -f}); the overlay goes away when nobody uses it any more. A running container keeps its own.
 */
@Command(name = "umount", aliases = "unmount", description = "Unmount working container's root filesystem")
public final class UmountCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Umount all of the currently mounted containers") boolean all;
  @Option(names = {"-f", "--force"}, description = "Force the complete umount of the specified mounted containers") boolean force;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

  public UmountCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ContainerMounts mounts = ctx.libpod().filesystem().mounts();
    if (all) {
      for (ContainerMounts.Mounted m : mounts.list()) {
        ContainerRecord rec = m.container();
        if (rec.state().status().isAlive() && ctx.libpod().store().containers().mountCount(rec.config().id()) <= 1) {
          continue; // only the running container itself uses it
        }
        mounts.unmount(rec, force);
        ctx.out().println(rec.config().id());
      }
      return 0;
    }
    if (names.isEmpty() && !latest) {
      throw JpodException.invalid("you must provide at least one name or id");
    }
    List<ContainerRecord> targets = Targets.resolve(ctx, names, false, latest);
    for (int i = 0; i < targets.size(); i++) {
      mounts.unmount(targets.get(i), force);
      ctx.out().println(latest ? targets.get(i).config().id() : names.get(i));
    }
    return 0;
  }
}
