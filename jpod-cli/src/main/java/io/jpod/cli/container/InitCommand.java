package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerService;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod init}: prepares containers up to the runtime's create (mounts, config.json, conmon) so
 * they can be inspected as "initialized"; a later {@code start} runs them.
 */
@Command(name = "init", description = "Initialize one or more containers")
public final class InitCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Initialize all containers") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

  public InitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (all && latest) {
      throw JpodException.invalid("--all and --latest cannot be used together");
    }
    if (all && !names.isEmpty()) {
      throw JpodException.invalid("no arguments are needed with --all");
    }
    if (latest && !names.isEmpty()) {
      throw JpodException.invalid("--latest and containers cannot be used together");
    }
    if (!all && !latest && names.isEmpty()) {
      throw JpodException.invalid("you must provide at least one name or id");
    }
    ContainerService containers = ctx.libpod().containers();
    if (all) {
      List<String> ids = containers.list().stream().map(r -> r.config().id()).sorted().toList();
      // podman's --all skips containers already past init and still names them
      return Batch.each(ctx, ids, id -> {
        try {
          containers.initialize(id);
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.WRONG_STATE) {
            throw e;
          }
        }
        ctx.out().println(id);
      });
    }
    List<String> targets = names;
    if (latest) {
      ContainerRecord last = containers.list().stream().max(Comparator.comparing(r -> r.config().created()))
          .orElseThrow(() -> JpodException.notFound("no such container"));
      targets = List.of(last.config().id());
    } else {
      names.forEach(containers::get); // an unknown name fails the command before anything is initialized
    }
    return Batch.each(ctx, targets, n -> {
      containers.initialize(n);
      ctx.out().println(n);
    });
  }
}
