package io.jpod.cli.volume;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod volume rm}: exit 1 for a missing volume, 2 for one in use; {@code -f} removes the
 * containers using it first, as podman does.
 */
@Command(name = "rm", aliases = "remove", description = "Remove one or more volumes")
public final class VolumeRmCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Remove all volumes") boolean all;
  @Option(names = {"-f", "--force"}, description = "Remove a volume by force, even if it is being used by a container") boolean force;
  @Option(names = {"-t", "--time"}, converter = io.jpod.cli.GoFlags.Uint.class, description = "Seconds to wait for running containers to stop before killing the container") Integer time;
  @Parameters(arity = "0..*", paramLabel = "VOLUME") List<String> names = new ArrayList<>();

  public VolumeRmCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (all == !names.isEmpty()) {
      throw JpodException.invalid("choose either one or more volumes or all");
    }
    List<String> targets = new ArrayList<>(names);
    if (all) {
      ctx.engine().volumes(List.of()).forEach(v -> targets.add(String.valueOf(v.get("Name"))));
    }
    return Batch.each(ctx, targets, n -> {
      try {
        ctx.engine().removeVolume(n, force, time);
      } catch (JpodException e) {
        if (force && e.kind() == io.jpod.common.ErrorKind.NOT_FOUND) {
          return; // podman: -f over a volume that is not there is not an error
        }
        throw e;
      }
      ctx.out().println(n);
    }, Batch::rmFamily);
  }
}
