package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.cli.image.ImageViews;
import io.jpod.cli.image.InspectOutput;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jpod inspect} / {@code jpod container inspect}: podman's JSON for containers and, with the
 * default {@code --type all}, for images when no container has the name.
 */
@Command(name = "inspect", description = "Display the configuration of object denoted by ID")
public final class InspectCommand implements Callable<Integer> {
  private static final List<String> TYPES = List.of("image", "container", "pod", "network", "volume", "all");

  private final CliContext ctx;

  @Spec CommandSpec spec;
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
    boolean underContainer = spec != null && spec.parent() != null && "container".equals(spec.parent().name());
    String kind = underContainer ? "container" : type;
    if (!TYPES.contains(kind)) {
      throw JpodException.invalid("invalid type \"" + kind + "\": must be \"image\", \"container\", \"pod\", "
          + "\"network\", \"volume\", or \"all\"");
    }
    if (latest && kind.equals("image")) {
      throw JpodException.invalid("latest is not supported for type \"image\"");
    }
    List<String> targets = new ArrayList<>(names);
    if (latest) {
      var containers = ctx.libpod().containers();
      containers.list().stream().max(java.util.Comparator.comparing(r -> r.config().created()))
          .ifPresent(r -> targets.add(r.config().id()));
    }
    if (targets.isEmpty()) {
      throw JpodException.invalid("no names or ids specified");
    }
    List<Object> docs = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String n : targets) {
      // --type all looks for a container, an image, a volume, a network, then a pod, as podman does
      Object doc = null;
      for (String k : kind.equals("all") ? List.of("container", "image", "volume", "network", "pod") : List.of(kind)) {
        doc = find(k, n);
        if (doc != null) {
          break;
        }
      }
      if (doc != null) {
        docs.add(doc);
      } else if (kind.equals("image")) {
        errors.add(n + ": image not known");
      } else {
        errors.add(kind.equals("all") ? "no such object: \"" + n + "\"" : "no such " + kind + " " + n);
      }
    }
    InspectOutput.print(ctx, format, docs, errors);
    return 0;
  }

  /** The document of the object of kind {@code k} named {@code n}, or null when there is none. */
  private Object find(String k, String n) {
    return switch (k) {
      case "container" -> container(n);
      case "image" -> {
        try {
          yield ctx.remote() ? ctx.engine().inspectImage(n) : ImageViews.inspect(ctx.libpod().images().inspect(n));
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
          yield null;
        }
      }
      case "volume" -> {
        if (ctx.remote()) {
          try {
            yield ctx.engine().inspectVolume(n);
          } catch (JpodException e) {
            yield null;
          }
        }
        boolean full = format != null && !format.isBlank() && !Formats.isJson(format);
        yield ctx.libpod().volumes().find(n).map(v -> (Object) io.jpod.cli.volume.VolumeViews.inspect(ctx.libpod(), v, full))
            .orElse(null);
      }
      case "network" -> ctx.engine().findNetwork(n).map(net -> (Object) io.jpod.cli.network.NetworkViews.inspect(net)).orElse(null);
      case "pod" -> {
        try {
          yield ctx.engine().inspectPod(n);
        } catch (JpodException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
          yield null;
        }
      }
      default -> null;
    };
  }

  /** The container's document, or null when there is no such container. */
  private Object container(String n) {
    if (ctx.remote()) {
      try {
        return ctx.engine().inspectContainer(n);
      } catch (JpodException e) {
        if (e.kind() != ErrorKind.NOT_FOUND) {
          throw e;
        }
        return null;
      }
    }
    var containers = ctx.libpod().containers();
    try {
      var rec = containers.get(n);
      return withSizes(ContainerViews.inspect(ctx.libpod(), rec), rec.config().id());
    } catch (JpodException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
      return null;
    }
  }

  /**
   * --size adds SizeRw and SizeRootFs after GraphDriver, as podman places them. Without it podman's
   * JSON leaves them out while its templates still see them (a nil pointer and a zero).
   */
  private Map<String, Object> withSizes(Map<String, Object> doc, String id) {
    if (!size) {
      if (format != null && !format.isBlank() && !Formats.isJson(format)) {
        doc.putIfAbsent("SizeRw", null);
        doc.putIfAbsent("SizeRootFs", 0L);
      }
      return doc;
    }
    return ctx.libpod().images().containerSizer().apply(id).placedAfter(doc, "GraphDriver");
  }
}
