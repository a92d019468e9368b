package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod inspect} / {@code jpod container inspect}: podman's JSON for containers. */
@Command(name = "inspect", description = "Display the configuration of object denoted by ID")
public final class InspectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--format"}, description = "Format the output to a Go template or json") String format;
  @Option(names = {"-s", "--size"}, description = "Display filesystem usage") boolean size;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Option(names = {"-t", "--type"}, description = "Specify inspect-object type", defaultValue = "all") String type;
  @Parameters(arity = "0..*", paramLabel = "NAME") List<String> names = new ArrayList<>();

  public InspectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var containers = ctx.libpod().containers();
    List<Object> docs = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> targets = new ArrayList<>(names);
    if (latest) {
      containers.list().stream().max(java.util.Comparator.comparing(r -> r.config().created()))
          .ifPresent(r -> targets.add(r.config().id()));
    }
    for (String n : targets) {
      try {
        ContainerRecord rec = containers.get(n);
        var paths = containers.paths(rec.config());
        docs.add(ContainerViews.inspect(rec, paths, ctx.libpod().state().execSessionIds(rec.config().id()), paths.conmonPidFile().toString()));
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
        errors.add(n);
      }
    }
    if (format == null || Formats.isJson(format)) {
      ctx.out().println(Formats.toJson(docs));
    } else {
      ctx.out().print(Formats.formatEach(format, docs));
    }
    ctx.out().flush();
    if (!errors.isEmpty()) {
      for (int i = 0; i < errors.size() - 1; i++) {
        ctx.err().println("Error: no such object: \"" + errors.get(i) + "\"");
      }
      throw new JpodException(ErrorKind.NOT_FOUND, "inspecting object: no such object: \"" + errors.getLast() + "\"");
    }
    return 0;
  }
}
