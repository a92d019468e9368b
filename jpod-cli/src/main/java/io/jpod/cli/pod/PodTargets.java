package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.pod.PodService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The pods a pod command acts on: the named ones, all of them ({@code -a}) or the latest ({@code -l}). */
final class PodTargets {
  private PodTargets() {}

  static List<String> resolve(CliContext ctx, List<String> names, boolean all, boolean latest) {
    if (all && !names.isEmpty()) {
      throw JpodException.invalid("when using the --all switch, you may not pass any pods names or IDs");
    }
    List<String> out = new ArrayList<>(names);
    if (all && ctx.remote()) {
      ctx.engine().pods().forEach(p -> out.add(String.valueOf(p.get("Id"))));
    } else if (latest && ctx.remote()) {
      ctx.engine().pods().stream().max(Comparator.comparing(p -> String.valueOf(p.get("Created"))))
          .ifPresent(p -> out.add(String.valueOf(p.get("Id"))));
      if (out.isEmpty()) {
        throw JpodException.notFound("no pods to act on: no such pod");
      }
    } else if (all) {
      ctx.libpod().pods().list().forEach(v -> out.add(v.pod().id()));
    } else if (latest) {
      ctx.libpod().pods().list().stream().map(PodService.PodView::pod)
          .max(Comparator.comparing(p -> p.config().created()))
          .ifPresent(p -> out.add(p.id()));
      if (out.isEmpty()) {
        throw JpodException.notFound("no pods to act on: no such pod");
      }
    } else if (out.isEmpty()) {
      throw JpodException.invalid("you must provide at least one name or id");
    }
    return out;
  }
}
