package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.container.ContainerService;
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
 * {@code jpod top}: the container's processes. Runs the host's {@code ps} restricted to the pids in the
 * container's cgroup (podman reads /proc itself; the columns match its default descriptors); other
 * descriptors or ps(1) options run the container's own ps, as podman falls back to.
 */
@Command(name = "top", description = "Display the running processes of a container")
public final class TopCommand implements Callable<Integer> {
  private final CliContext ctx;

  /** psgo's descriptors, which podman formats itself; anything else goes to the container's ps(1). */
  private static final Set<String> KNOWN = Set.of("args", "capamb", "capbnd", "capeff", "capinh", "capprm", "comm",
      "etime", "group", "hgroup", "hpid", "huser", "label", "nice", "pcpu", "pgid", "pid", "ppid", "rgroup", "ruser",
      "rss", "seccomp", "state", "stime", "time", "tty", "user", "vsz");
  /** psgo's AIX format codes and the descriptor each stands for. */
  private static final Map<String, String> AIX = Map.ofEntries(Map.entry("%C", "pcpu"), Map.entry("%G", "group"),
      Map.entry("%P", "ppid"), Map.entry("%U", "user"), Map.entry("%a", "args"), Map.entry("%c", "comm"),
      Map.entry("%g", "rgroup"), Map.entry("%n", "nice"), Map.entry("%p", "pid"), Map.entry("%r", "pgid"),
      Map.entry("%t", "etime"), Map.entry("%u", "ruser"), Map.entry("%x", "time"), Map.entry("%y", "tty"),
      Map.entry("%z", "vsz"));

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
    List<String> fields = new ArrayList<>();
    descriptors.forEach(d -> List.of(d.split(",")).stream().filter(s -> !s.isEmpty()).forEach(fields::add));
    if (!fields.stream().allMatch(f -> KNOWN.contains(f) || AIX.containsKey(f))) {
      // as podman: what its descriptors do not cover is handed to the container's own ps(1)
      return insidePs(rec.config().id());
    }
    List<Long> pids = ContainerProcesses.pids(rec.state().pid());
    String columns = fields.isEmpty() ? "user,pid,ppid,pcpu,etime,tty,time,args"
        : String.join(",", fields.stream().map(f -> AIX.getOrDefault(f, f)).toList());
    List<String> cmd = new ArrayList<>(List.of("ps", "-o", columns, "-p"));
    cmd.add(String.join(",", pids.stream().map(String::valueOf).toList()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0 && out.isBlank()) {
      throw JpodException.invalid("ps failed for descriptors " + columns);
    }
    ctx.out().print(out);
    return 0;
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
