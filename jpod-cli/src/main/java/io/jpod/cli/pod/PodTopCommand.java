package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.container.ProcessTable;
import io.jpod.core.state.ContainerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod pod top}: the processes of every running container of the pod, in one table, with the
 * same psgo descriptors as {@code top}.
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
  public Integer call() {
    var view = ctx.libpod().pods().view(pod);
    List<String> fields = ProcessTable.descriptors(descriptors);
    List<List<String>> rows = new ArrayList<>();
    ProcessTable table = ProcessTable.system();
    for (ContainerRecord c : view.containers()) {
      long init = c.state().pid();
      if (c.state().status().isAlive() && init > 0) {
        // each container's users and groups are named from its own /etc/passwd and /etc/group
        List<List<String>> part = table.rows(ProcessTable.processesOf(init), fields, init);
        rows.addAll(rows.isEmpty() ? part : part.subList(1, part.size()));
      }
    }
    if (rows.isEmpty()) {
      throw JpodException.wrongState("pod " + view.pod().id() + " is not running: pod state improper");
    }
    ctx.out().print(io.jpod.cli.container.TopCommand.table(rows));
    return 0;
  }
}
