package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod top}: the container's processes. Runs the host's {@code ps} restricted to the pids in the
 * container's cgroup (podman reads /proc itself; the columns match its default descriptors).
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
    List<Long> pids = ContainerProcesses.pids(rec.state().pid());
    String fields = descriptors.isEmpty() ? "user,pid,ppid,pcpu,etime,tty,time,args" : String.join(",", descriptors);
    List<String> cmd = new ArrayList<>(List.of("ps", "-o", fields, "-p"));
    cmd.add(String.join(",", pids.stream().map(String::valueOf).toList()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0 && out.isBlank()) {
      throw JpodException.invalid("ps failed for descriptors " + fields);
    }
    ctx.out().print(out);
    return 0;
  }
}
