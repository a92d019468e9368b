package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.cli.container.LogPrinter;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerStatus;
import io.jpod.core.logs.K8sFileLog;
import io.jpod.core.logs.LogLine;
import io.jpod.core.state.ContainerRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod logs}: the container's k8s-file log, stdout to stdout and stderr to stderr. */
@Command(name = "logs", description = "Fetch the logs of one or more containers")
public final class LogsCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--follow"}, description = "Follow log output") boolean follow;
  @Option(names = "--tail", description = "Output the specified number of LINES at the end of the logs", defaultValue = "-1") int tail;
  @Option(names = "--since", description = "Show logs since TIMESTAMP") String since;
  @Option(names = "--until", description = "Show logs until TIMESTAMP") String until;
  @Option(names = {"-t", "--timestamps"}, description = "Output the timestamps in the log") boolean timestamps;
  @Option(names = {"-n", "--names"}, description = "Output the container name in the log") boolean names;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> containers = new ArrayList<>();

  public LogsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    LogPrinter printer = new LogPrinter(ctx.out(), ctx.err(), timestamps);
    Instant from = since == null ? null : TimeArg.parse(since, "since");
    Instant to = until == null ? null : TimeArg.parse(until, "until");
    if (containers.isEmpty() && !latest) {
      throw JpodException.invalid("no containers specified");
    }
    if (ctx.remote()) {
      for (String n : containers) {
        ctx.engine().logs(n, follow, tail, timestamps, from, to, ctx.out(), ctx.err());
      }
      return 0;
    }
    var svc = ctx.libpod().containers();
    List<ContainerRecord> recs = new ArrayList<>();
    for (String n : containers) {
      recs.add(svc.get(n));
    }
    if (latest) {
      svc.list().stream().max(java.util.Comparator.comparing(r -> r.config().created())).ifPresent(recs::add);
    }
    for (ContainerRecord rec : recs) {
      if (!rec.config().logsToFile()) {
        throw JpodException.invalid("this container is using the '" + rec.config().logDriver()
            + "' log driver, cannot read logs: this container is not logging output");
      }
      String prefix = names || recs.size() > 1 ? rec.config().shortId() + " " : "";
      K8sFileLog log = new K8sFileLog(Path.of(rec.config().logPath()));
      List<LogLine> lines = log.readAll();
      lines.removeIf(l -> (from != null && l.time().toInstant().isBefore(from)) || (to != null && l.time().toInstant().isAfter(to)));
      if (tail >= 0 && lines.size() > tail) {
        lines = lines.subList(lines.size() - tail, lines.size());
      }
      lines.forEach(l -> printer.print(l, prefix));
      ctx.out().flush();
      if (follow && to == null) {
        long offset = LogPrinter.endOf(Path.of(rec.config().logPath()));
        String id = rec.config().id();
        log.follow(offset, l -> printer.printNow(l, prefix), () -> LogPrinter.stillWriting(ctx.libpod(), id));
      }
    }
    ctx.out().flush();
    return 0;
  }




  /** Parses podman's --since/--until values (shared with events). */
  public static Instant parseTime(String s, String flag) {
    return TimeArg.parse(s, flag);
  }

  /** podman's time arguments: RFC 3339 timestamps, Unix seconds, or durations like 10m / 1h30m. */
  static final class TimeArg {
    static Instant parse(String s, String flag) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (RuntimeException ignored) {
        // not a timestamp
      }
      try {
        return Instant.parse(s);
      } catch (RuntimeException ignored) {
        // not an instant
      }
      if (s.matches("\\d+(\\.\\d+)?")) {
        double secs = Double.parseDouble(s);
        return Instant.ofEpochMilli((long) (secs * 1000));
      }
      if (s.matches("(\\d+(\\.\\d+)?(ns|us|ms|s|m|h))+")) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)").matcher(s);
        double millis = 0;
        while (m.find()) {
          double v = Double.parseDouble(m.group(1));
          millis += switch (m.group(2)) {
            case "ns" -> v / 1e6;
            case "us" -> v / 1e3;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> v * 3_600_000;
          };
        }
        // podman's ParseInputTime: a --since duration reaches back, an --until one forward from now
        return flag.equals("until") ? Instant.now().plusMillis((long) millis) : Instant.now().minusMillis((long) millis);
      }
      throw JpodException.invalid("parsing --" + flag + " \"" + s + "\": unable to interpret time value");
    }
  }
}
