package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerService;
import io.jpod.core.container.ProcessTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod top}: the container's processes with podman's psgo descriptors, read from /proc
 * ({@link ProcessTable}); other descriptors or ps(1) options run the container's own ps, as podman
 * falls back to.
 */
@Command(name = "top", description = "Display the running processes of a container")
public final class TopCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "CONTAINER") String container;
  @Parameters(index = "1..*", paramLabel = "DESCRIPTORS") List<String> descriptors = new ArrayList<>();

  public TopCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (ctx.remote()) {
      ctx.out().print(RemoteTables.aligned(ctx.engine().top(container, descriptors)));
      return 0;
    }
    var rec = ctx.libpod().containers().get(container);
    if (!rec.state().status().isAlive()) {
      throw JpodException.wrongState("top can only be used on running containers");
    }
    List<String> fields = ProcessTable.descriptors(descriptors);
    if (!fields.stream().allMatch(ProcessTable::knows)) {
      // as podman: what its descriptors do not cover is handed to the container's own ps(1)
      return insidePs(rec.config().id());
    }
    long init = rec.state().pid();
    ctx.out().print(table(ProcessTable.system().rows(ProcessTable.processesOf(init), fields, init)));
    return 0;
  }

  /** podman's layout of top's table (its report package's tab writer). */
  public static String table(List<List<String>> rows) {
    io.jpod.cli.format.TableWriter w = new io.jpod.cli.format.TableWriter();
    for (List<String> r : rows) {
      w.write(String.join("\t", r) + "\n");
    }
    return w.flush();
  }

  /**
   * Runs {@code ps} with the descriptors (shell-split) as its arguments inside the container and prints
   * its output, minus the line of that ps itself.
   */
  private int insidePs(String id) {
    List<String> args = new ArrayList<>();
    descriptors.forEach(d -> args.addAll(Shlex.split(d)));
    List<String> cmd = new ArrayList<>(List.of("ps"));
    cmd.addAll(args);
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int rc;
    try {
      rc = ctx.libpod().containers().exec(id, cmd, List.of(), null, null, false, false, false,
          new ContainerService.Streams(InputStream.nullInputStream(), out, err, List.of()), () -> {});
    } catch (JpodException e) {
      throw JpodException.system("executing ps(1) in the container: " + e.getMessage(), e); // podman: 125 whatever the cause
    }
    if (rc != 0) {
      throw JpodException.system("executing ps(1) in the container: runtime failed with exit status: " + rc
          + " and output: " + String.join(" ", err.toString(StandardCharsets.UTF_8).lines().toList()));
    }
    String self = String.join(" ", cmd);
    out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.endsWith(self)).forEach(ctx.out()::println);
    return 0;
  }
}
