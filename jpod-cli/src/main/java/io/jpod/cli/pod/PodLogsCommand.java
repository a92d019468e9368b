package io.jpod.cli.pod;

import io.jpod.cli.CliContext;
import io.jpod.cli.container.LogPrinter;
import io.jpod.common.JpodException;
import io.jpod.core.logs.K8sFileLog;
import io.jpod.core.logs.LogLine;
import io.jpod.core.state.ContainerRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod pod logs}: the members' logs (the infra container logs nothing), merged in time order;
 * {@code -c} picks one container, {@code --names} prefixes each line with its container's name.
 */
@Command(name = "logs", description = "Fetch logs for pod with one or more containers")
public final class PodLogsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-c", "--container"}, description = "Filter logs by container name or id which belongs to pod") String container;
  @Option(names = {"-f", "--follow"}, description = "Follow log output") boolean follow;
  @Option(names = {"-n", "--names"}, description = "Output container names instead of container IDs in the log") boolean names;
  @Option(names = "--tail", defaultValue = "-1", description = "Output the specified number of LINES at the end of the logs") int tail;
  @Option(names = {"-t", "--timestamps"}, description = "Output the timestamps in the log") boolean timestamps;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest pod podman is aware of") boolean latest;
  @Parameters(arity = "0..1", paramLabel = "POD") String pod;

  public PodLogsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  private record Tagged(String prefix, LogLine line) {}

  @Override
  public Integer call() {
    LogPrinter printer = new LogPrinter(ctx.out(), ctx.err(), timestamps);
    if (pod == null && !latest) {
      throw JpodException.invalid("specify a pod name or ID, or --latest");
    }
    var view = ctx.libpod().pods().view(PodTargets.resolve(ctx, pod == null ? List.of() : List.of(pod), false, latest).getFirst());
    List<ContainerRecord> ctrs = new ArrayList<>();
    for (ContainerRecord c : view.containers()) {
      if (view.pod().isInfra(c.config().id())) {
        continue;
      }
      if (container == null || c.config().name().equals(container) || c.config().id().startsWith(container)) {
        ctrs.add(c);
      }
    }
    if (container != null && ctrs.isEmpty()) {
      throw JpodException.notFound("container " + container + " is not in pod " + view.pod().id() + ": no such container");
    }
    List<Tagged> all = new ArrayList<>();
    for (ContainerRecord c : ctrs) {
      if (!c.config().logsToFile()) {
        continue;
      }
      String prefix = names ? c.config().name() + " " : c.config().shortId() + " ";
      List<LogLine> lines = new K8sFileLog(Path.of(c.config().logPath())).readAll();
      if (tail >= 0 && lines.size() > tail) {
        lines = lines.subList(lines.size() - tail, lines.size());
      }
      lines.forEach(l -> all.add(new Tagged(prefix, l)));
    }
    all.sort(Comparator.comparing(t -> t.line().time()));
    all.forEach(t -> printer.print(t.line(), t.prefix()));
    ctx.out().flush();
    if (follow) {
      List<Thread> threads = new ArrayList<>();
      for (ContainerRecord c : ctrs) {
        String prefix = names ? c.config().name() + " " : c.config().shortId() + " ";
        Path file = Path.of(c.config().logPath());
        long offset = LogPrinter.endOf(file);
        String id = c.config().id();
        threads.add(Thread.ofVirtual().start(() -> new K8sFileLog(file).follow(offset, l -> printer.printNow(l, prefix),
            () -> LogPrinter.stillWriting(ctx.libpod(), id))));
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return 0;
  }



}
