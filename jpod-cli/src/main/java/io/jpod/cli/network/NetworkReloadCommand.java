package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod network reload [-a | CONTAINER...]}: restores running containers' firewall rules; prints their ids. */
@Command(name = "reload", description = "Reload firewall rules for one or more containers")
public final class NetworkReloadCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Reload network configuration of all containers") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> args = new ArrayList<>();

  public NetworkReloadCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<String> targets = new ArrayList<>(args);
    List<ContainerRecord> recs = ctx.libpod().containers().list();
    if (all) {
      recs.stream().filter(r -> r.state().status() == ContainerStatus.RUNNING).forEach(r -> targets.add(r.config().id()));
    } else if (latest && !recs.isEmpty()) {
      targets.add(recs.getLast().config().id());
    } else if (targets.isEmpty()) {
      throw JpodException.invalid("--all, --latest, or at least one container name or ID must be given");
    }
    JpodException last = null;
    for (String t : targets) {
      try {
        ctx.out().println(ctx.libpod().networks().reload(t));
      } catch (JpodException e) {
        if (last != null) {
          ctx.err().println("Error: " + last.getMessage());
        }
        last = e;
      }
    }
    if (last != null) {
      throw last;
    }
    return 0;
  }
}
