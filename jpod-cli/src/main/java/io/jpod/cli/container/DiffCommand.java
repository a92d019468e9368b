package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.filesystem.ContainerDiff;
import io.jpod.storage.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jpod diff} (also {@code container diff} and {@code image diff}): "C /etc", "A /etc/foo",
 * "D /bin/ls" lines, or podman's JSON with {@code --format json}.
 */
@Command(name = "diff", description = "Display the changes to the object's file system")
public final class DiffCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Spec CommandSpec spec;
  @Option(names = "--format", description = "Change the output format (json)") String format;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER|IMAGE") List<String> args = new ArrayList<>();

  public DiffCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String group = spec != null && spec.parent() != null ? spec.parent().name() : "";
    ContainerDiff.Target target = switch (group) {
      case "container" -> ContainerDiff.Target.CONTAINER;
      case "image" -> ContainerDiff.Target.IMAGE;
      default -> ContainerDiff.Target.ANY;
    };
    boolean json = format != null && format.equals("json");
    if (format != null && !format.isEmpty() && !json) {
      throw JpodException.invalid("only supported value for '--format' is 'json'");
    }
    List<String> names = new ArrayList<>(args);
    if (latest && target != ContainerDiff.Target.IMAGE) {
      names.addFirst(Targets.resolve(ctx, List.of(), false, true).getFirst().config().id());
    }
    if (names.isEmpty() || names.size() > 2) {
      throw JpodException.invalid("accepts between 1 and 2 arg(s), received " + names.size());
    }
    if (names.size() == 2) {
      throw JpodException.invalid("comparing two objects is not supported by jpod yet: give one container or image");
    }
    List<Change> changes = ctx.libpod().filesystem().diff().changes(names.getFirst(), target);
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      put(out, "changed", changes, Change.Kind.CHANGED);
      put(out, "added", changes, Change.Kind.ADDED);
      put(out, "deleted", changes, Change.Kind.DELETED);
      ctx.out().println(io.jpod.common.GoJson.marshalIndent(out, "", "     "));
      return 0;
    }
    for (Change c : changes) {
      ctx.out().println(c.kind().letter() + " " + c.path());
    }
    return 0;
  }

  /** podman leaves a kind out of the JSON when nothing changed that way. */
  private static void put(Map<String, Object> out, String key, List<Change> changes, Change.Kind kind) {
    List<String> paths = changes.stream().filter(c -> c.kind() == kind).map(Change::path).toList();
    if (!paths.isEmpty()) {
      out.put(key, paths);
    }
  }
}
