package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod pod top}: the processes of every running container of the pod, in one table, with the
 * same columns as {@code top} (the host's {@code ps} over the containers' process trees).
 */
@Command(name = "top", description = "Display the running processes of containers in a pod")
public final class PodTopCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "POD") String pod;
  @Parameters(index = "1..*", paramLabel = "DESCRIPTORS") List<String> descriptors = new ArrayList<>();

  public PodTopCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    var view = ctx.libpod().pods().view(pod);
    List<Long> pids = new ArrayList<>();
    for (ContainerRecord c : view.containers()) {
      if (c.state().status().isAlive() && c.state().pid() > 0) {
        pids.add(c.state().pid());
        ProcessHandle.of(c.state().pid()).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
      }
    }
    if (pids.isEmpty()) {
      throw JpodException.wrongState("pod " + view.pod().id() + " is not running: pod state improper");
    }
    String fields = descriptors.isEmpty() ? "user,pid,ppid,pcpu,etime,tty,time,args" : String.join(",", descriptors);
    List<String> cmd = new ArrayList<>(List.of("ps", "-o", fields, "-p"));
    cmd.add(String.join(",", pids.stream().map(String::valueOf).toList()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0 && out.isBlank()) {
      throw JpodException.invalid("ps failed for descriptors " + fields);
    }
    ctx.out().print(out);
    return 0;
  }
}
