package io.jpod.cli.system;

import io.jpod.cli.CliContext;
import io.jpod.cli.Prompts;
import io.jpod.cli.container.ContainerPrune;
import io.jpod.cli.image.Sizes;
import io.jpod.cli.volume.VolumeViews;
import io.jpod.common.JpodException;
import io.jpod.core.image.RemoveReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod system prune}: pods, containers, images (and with {@code --volumes} volumes) are pruned
 * in rounds until a round frees nothing, since each removal can leave more unused; networks last.
 */
@Command(name = "prune", description = "Remove unused data")
public final class SystemPruneCommand implements Callable<Integer> {
  private static final List<String> FILTER_KEYS = List.of("label", "label!", "until");

  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Remove all unused data") boolean all;
  @Option(names = "--filter", description = "Provide filter values (e.g. 'label=<key>=<value>')") List<String> filters = new ArrayList<>();
  @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.  The default is false") boolean force;
  @Option(names = "--volumes", description = "Prune volumes") boolean volumes;
  @Parameters(arity = "0..*", hidden = true) List<String> extra = new ArrayList<>();

  public SystemPruneCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (!extra.isEmpty()) {
      throw JpodException.invalid("`jpod system prune` takes no arguments");
    }
    if (!force && !Prompts.confirm(ctx, warning())) {
      return 0;
    }
    for (String f : filters) {
      String key = f.contains("=") ? f.substring(0, f.indexOf('=')) : f;
      if (!FILTER_KEYS.contains(key)) {
        throw JpodException.invalid(key + " is an invalid filter");
      }
    }
    List<String> labels = filters.stream().filter(f -> f.startsWith("label=") || f.startsWith("label!=")).toList();
    List<String> containerFilters = filters.stream().filter(f -> !f.startsWith("label!=")).toList();
    ContainerPrune.validate(containerFilters);
    var volumeFilter = VolumeViews.filter(ctx.libpod(), labels);

    List<String> pods = new ArrayList<>();
    List<String> containers = new ArrayList<>();
    List<String> images = new ArrayList<>();
    List<String> removedVolumes = new ArrayList<>();
    long reclaimed = 0;
    boolean found = true;
    while (found) {
      List<String> p = ctx.libpod().pods().prune();
      pods.addAll(p);
      containers.addAll(ContainerPrune.prune(ctx, containerFilters));
      List<RemoveReport> img = ctx.libpod().images().prune(all, filters.stream().filter(f -> !f.startsWith("label!=")).toList());
      img.forEach(r -> images.add(r.id()));
      reclaimed += img.stream().mapToLong(RemoveReport::size).sum();
      found = !p.isEmpty() || !img.isEmpty();
      if (volumes) {
        List<String> v = ctx.libpod().volumes().prune(volumeFilter);
        removedVolumes.addAll(v);
        found |= !v.isEmpty();
      }
    }
    List<String> networks = ctx.libpod().networks().prune(networkLabels(labels));

    section("Deleted Containers", containers);
    section("Deleted Pods", pods);
    section("Deleted Networks", networks);
    if (volumes) {
      section("Deleted Volumes", removedVolumes);
    }
    section("Deleted Images", images);
    ctx.out().println("Total reclaimed space: " + Sizes.human(reclaimed));
    return 0;
  }

  private String warning() {
    StringBuilder b = new StringBuilder("WARNING! This command removes:\n\t- all stopped containers\n"
        + "\t- all networks not used by at least one container\n");
    if (volumes) {
      b.append("\t- all volumes not used by at least one container\n");
    }
    b.append(all ? "\t- all images without at least one container associated with them\n\t- all build cache\n"
        : "\t- all dangling images\n\t- all dangling build cache\n");
    return b.append("\nAre you sure you want to continue? [y/N] ").toString();
  }

  private void section(String heading, List<String> ids) {
    if (!ids.isEmpty()) {
      ctx.out().println(heading);
      ids.forEach(ctx.out()::println);
    }
  }

  private static Map<String, String> networkLabels(List<String> labels) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String f : labels) {
      if (f.startsWith("label=")) {
        String v = f.substring("label=".length());
        int eq = v.indexOf('=');
        m.put(eq < 0 ? v : v.substring(0, eq), eq < 0 ? "" : v.substring(eq + 1));
      }
    }
    return m;
  }
}
