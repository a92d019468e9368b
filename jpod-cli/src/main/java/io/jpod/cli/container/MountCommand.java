package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.filesystem.ContainerMounts;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod mount}: with containers, mounts their root filesystems and prints the mount points; without,
 * lists the mounted containers ("ID  PATH", or JSON with {@code --format json}).
 */
@Command(name = "mount", description = "Mount a working container's root filesystem")
public final class MountCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Mount all containers") boolean all;
  @Option(names = "--format", description = "Print the mounted containers in specified format (json)") String format;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Option(names = {"--no-trunc", "--notruncate"}, description = "Do not truncate output") boolean noTrunc;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> names = new ArrayList<>();

  public MountCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ContainerMounts mounts = ctx.libpod().filesystem().mounts();
    if (all || latest || !names.isEmpty()) {
      // Every name is looked up before anything is mounted: one unknown name mounts nothing.
      for (ContainerRecord rec : Targets.resolve(ctx, names, all, latest)) {
        ctx.out().println(mounts.mount(rec));
      }
      return 0;
    }
    boolean json = format != null && format.strip().equalsIgnoreCase("json");
    if (format != null && !format.isEmpty() && !json) {
      throw JpodException.invalid("unknown --format argument: \"" + format + "\"");
    }
    List<ContainerMounts.Mounted> mounted = mounts.list();
    if (json) {
      List<Object> out = new ArrayList<>();
      for (ContainerMounts.Mounted m : mounted) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", m.container().config().id());
        o.put("Names", List.of(m.container().config().name()));
        o.put("mountpoint", m.path().toString());
        out.add(o);
      }
      ctx.out().println(io.jpod.common.GoJson.marshalIndent(out, "", " "));
      return 0;
    }
    for (ContainerMounts.Mounted m : mounted) {
      String id = noTrunc ? m.container().config().id() : m.container().config().shortId();
      ctx.out().println(id + "  " + m.path());
    }
    return 0;
  }
}
