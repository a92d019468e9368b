package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The containers a command acts on when it takes names, {@code -a/--all} or {@code -l/--latest}, with
 * podman's checks: names cannot go with either, and one of the three is needed. Works through the
 * engine, so against a service too.
 */
final class Selection {
  private Selection() {}

  /**
   * @param ofAll which containers {@code --all} means, by their summary (State: running, paused, ...)
   * @return the names as given, or the ids of the containers chosen
   */
  static List<String> pick(CliContext ctx, List<String> names, boolean all, boolean latest,
      Predicate<Map<String, Object>> ofAll) {
    if (all && latest) {
      throw JpodException.invalid("--all and --latest cannot be used together");
    }
    if (!names.isEmpty() && (all || latest)) {
      throw JpodException.invalid("no arguments are needed with " + (all ? "--all" : "--latest"));
    }
    if (all) {
      List<String> ids = new ArrayList<>();
      ctx.engine().containers(true).stream().filter(ofAll).forEach(c -> ids.add(String.valueOf(c.get("Id"))));
      return ids;
    }
    if (latest) {
      // the engine lists the newest first
      return ctx.engine().containers(true).stream().findFirst().map(c -> List.of(String.valueOf(c.get("Id"))))
          .orElseThrow(() -> JpodException.notFound("no such container"));
    }
    if (names.isEmpty()) {
      throw JpodException.invalid("you must provide at least one name or id");
    }
    return names;
  }

  /** Whether a container summary is in {@code state} (running, paused, exited, ...). */
  static Predicate<Map<String, Object>> inState(String state) {
    return c -> state.equals(String.valueOf(c.get("State")));
  }
}
