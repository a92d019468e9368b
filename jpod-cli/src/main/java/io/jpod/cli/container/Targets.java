package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The containers a mount-style command acts on: the named ones, all of them, or the latest. */
final class Targets {
  private Targets() {}

  /** Looks every name up first (an unknown one fails the command before anything happens). */
  static List<ContainerRecord> resolve(CliContext ctx, List<String> names, boolean all, boolean latest) {
    if (all) {
      List<ContainerRecord> out = new ArrayList<>(ctx.libpod().containers().list());
      out.sort(Comparator.comparing(r -> r.config().id()));
      return out;
    }
    if (latest) {
      List<ContainerRecord> list = ctx.libpod().containers().list();
      if (list.isEmpty()) {
        throw JpodException.notFound("no containers to act on: no such container");
      }
      return List.of(list.stream().max(Comparator.comparing(r -> r.config().created())).orElseThrow());
    }
    List<ContainerRecord> out = new ArrayList<>();
    for (String n : names) {
      out.add(ctx.libpod().containers().get(n));
    }
    return out;
  }
}
