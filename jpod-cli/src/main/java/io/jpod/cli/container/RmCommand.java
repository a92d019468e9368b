package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod rm}: remove containers (exit 1 when one is missing, 2 when one is running). */
@Command(name = "rm", aliases = "remove", description = "Remove one or more containers")
public final class RmCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--force"}, description = "Force removal of a running or unusable container") boolean force;
  @Option(names = {"-t", "--time"}, converter = io.jpod.cli.GoFlags.Uint.class, description = "Seconds to wait for stop before killing the container") Integer time;
  @Option(names = {"-a", "--all"}, description = "Remove all containers") boolean all;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Option(names = {"-i", "--ignore"}, description = "Ignore errors when a specified container is missing") boolean ignore;
  @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container") boolean volumes;
  @Option(names = "--depend", description = "Remove container and all containers that depend on the selected container") boolean depend;
  @Option(names = "--cidfile", description = "Read the container ID from the file") List<String> cidFiles = new ArrayList<>();
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

  public RmCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (time != null && time < -1) {
      throw JpodException.invalid("invalid argument \"" + time + "\" for \"-t, --time\" flag: must be -1 or greater");
    }
    if (all && !names.isEmpty()) {
      throw JpodException.invalid("no arguments are needed with --all");
    }
    if (latest) {
      names = Selection.pick(ctx, names, all, true, c -> true);
    }
    List<String> targets = new ArrayList<>(names);
    targets.addAll(CidFiles.read(cidFiles));
    if (ctx.remote()) {
      return removeRemote(targets);
    }
    int podRc = 0;
    if (all) {
      ctx.libpod().containers().removeOrphans();
      podRc = removePods();
      ctx.libpod().state().containers().forEach(r -> targets.add(r.config().id()));
    } else if (targets.isEmpty() && cidFiles.isEmpty()) {
      throw JpodException.invalid("`jpod rm` requires at least one argument");
    }
    int missing = ignore || force ? 0 : Batch.firstMissingContainer(ctx, names, Batch::rmFamily);
    if (missing != 0) {
      return missing;
    }
    boolean byId = all || depend;
    if (depend) {
      List<String> withDependents = new ArrayList<>();
      for (String n : targets) {
        addWithDependents(ctx.libpod().state().lookupContainer(n).config().id(), withDependents);
      }
      targets.clear();
      targets.addAll(withDependents);
    }
    int rc = Batch.each(ctx, targets, n -> {
      String id;
      try {
        id = ctx.libpod().state().lookupContainer(n).config().id();
        ctx.libpod().containers().remove(n, force, time, volumes);
      } catch (JpodException e) {
        if ((ignore || force) && e.kind() == ErrorKind.NOT_FOUND) {
          return;
        }
        throw e;
      }
      ctx.out().println(byId ? id : n);
    }, Batch::rmFamily);
    return rc != 0 ? rc : podRc;
  }

  /**
   * {@code --depend}: the containers that need {@code id} (they join its namespaces), theirs in turn,
   * each before what it depends on, then {@code id}; each once.
   */
  private void addWithDependents(String id, List<String> out) {
    if (out.contains(id)) {
      return;
    }
    for (var r : ctx.libpod().state().containers()) {
      if (r.config().dependencies().contains(id)) {
        addWithDependents(r.config().id(), out);
      }
    }
    if (!out.contains(id)) {
      out.add(id);
    }
  }

  /** rm through the service: the named containers (or all of them), podman's rm exit codes. */
  private int removeRemote(List<String> targets) {
    if (all) {
      ctx.engine().containers(true).forEach(c -> targets.add(String.valueOf(c.get("Id"))));
    } else if (targets.isEmpty() && cidFiles.isEmpty()) {
      throw JpodException.invalid("`jpod rm` requires at least one argument");
    }
    return Batch.each(ctx, targets, n -> {
      try {
        ctx.engine().remove(n, force, time, volumes);
      } catch (JpodException e) {
        if ((ignore || force) && e.kind() == ErrorKind.NOT_FOUND) {
          return;
        }
        throw e;
      }
      ctx.out().println(n);
    }, Batch::rmFamily);
  }

  /**
   * {@code rm --all} takes pods with infra containers along (as podman does: an infra container only
   * goes with its pod), printing each of their containers' ids.
   */
  private int removePods() {
    var pods = ctx.libpod().pods();
    List<String> podIds = new ArrayList<>();
    pods.list().stream().filter(v -> v.infra().isPresent()).forEach(v -> podIds.add(v.pod().id()));
    return Batch.each(ctx, podIds, podId -> {
      List<String> ids = pods.view(podId).containers().stream().map(c -> c.config().id()).toList();
      pods.remove(podId, force, time);
      ids.forEach(ctx.out()::println);
    }, Batch::rmFamily);
  }
}
