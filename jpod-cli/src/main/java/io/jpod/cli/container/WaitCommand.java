package io.jpod.cli.container;

import io.jpod.cli.Batch;
import io.jpod.cli.CliContext;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod wait}: block until containers reach a condition (exit by default) and print exit codes. */
@Command(name = "wait", description = "Block on one or more containers")
public final class WaitCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--condition", description = "Condition to wait on (stopped, exited, running, created, paused, …)")
  List<String> conditions = new ArrayList<>();
  @Option(names = {"-i", "--interval"}, description = "Time interval to wait before polling for completion", defaultValue = "250ms")
  String interval;
  @Option(names = "--ignore", description = "Ignore if a container does not exist") boolean ignore;
  @Parameters(arity = "1..*", paramLabel = "CONTAINER") List<String> names;

  public WaitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    long pollMillis = parseInterval(interval);
    List<String> wanted = new ArrayList<>();
    for (String c : conditions) {
      for (String part : c.split(",")) {
        String p = part.strip();
        if (!List.of("configured", "created", "exited", "initialized", "paused", "removing", "running", "stopped", "stopping", "unknown").contains(p)) {
          throw JpodException.invalid("unknown container state: " + p + ": invalid argument");
        }
        wanted.add(p);
      }
    }
    var engine = ctx.engine();
    int missing = Batch.firstMissingContainer(ctx, names);
    if (missing != 0) {
      return missing;
    }
    return Batch.each(ctx, names, n -> {
      try {
        ctx.out().println(engine.remote() ? engine.await(n, wanted) : localWait(n, wanted, pollMillis));
        ctx.out().flush();
      } catch (JpodException e) {
        if (ignore && e.kind() == ErrorKind.NOT_FOUND) {
          ctx.out().println(-1);
          return;
        }
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JpodException.system("interrupted");
      }
    });
  }

  private int localWait(String n, List<String> wanted, long pollMillis) throws InterruptedException {
    var svc = ctx.libpod().containers();
    boolean exitWanted = wanted.contains("stopped") || wanted.contains("exited");
    if (wanted.isEmpty() || wanted.stream().allMatch(w -> w.equals("stopped") || w.equals("exited"))) {
      return svc.waitForExit(n);
    }
    // several conditions: whichever is met first ends the wait (podman prints -1 for a non-exit one)
    while (true) {
      var st = svc.get(n).state();
      ContainerStatus s = st.status();
      if (exitWanted && (s == ContainerStatus.EXITED || s == ContainerStatus.STOPPED)) {
        return st.exitCode();
      }
      if (wanted.contains(s.cliName()) || (s == ContainerStatus.CONFIGURED && wanted.contains("configured"))) {
        return -1;
      }
      Thread.sleep(pollMillis);
    }
  }

  private static long parseInterval(String s) {
    try {
      if (s.endsWith("ms")) {
        return Long.parseLong(s.substring(0, s.length() - 2));
      }
      if (s.endsWith("s")) {
        return (long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000);
      }
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw JpodException.invalid("invalid interval \"" + s + "\"");
    }
  }
}
