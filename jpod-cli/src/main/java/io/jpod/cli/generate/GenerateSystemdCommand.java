package io.jpod.cli.generate;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.state.ContainerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod generate systemd CTR}: podman 4.3.1's unit for an existing container (forking, conmon's
 * pid file, {@code start}/{@code stop} of the container), or with {@code --new} one that runs a new
 * container from the creating command line each time; jpod's launcher is the executable.
 */
@Command(name = "systemd", description = "Generate systemd units")
public final class GenerateSystemdCommand implements Callable<Integer> {
  private static final List<String> RESTART_POLICIES =
      List.of("no", "on-success", "on-failure", "on-abnormal", "on-watchdog", "on-abort", "always");
  /** Go's time.UnixDate. */
  private static final DateTimeFormatter UNIX_DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy", Locale.ROOT);

  private final CliContext ctx;

  @Option(names = {"-n", "--name"}, description = "Use container/pod names instead of IDs") boolean useName;
  @Option(names = {"-f", "--files"}, description = "Generate .service files instead of printing to stdout") boolean files;
  @Option(names = "--new", description = "Create a new container or pod instead of starting an existing one") boolean createNew;
  @Option(names = "--no-header", description = "Skip header generation") boolean noHeader;
  @Option(names = "--restart-policy", description = "Systemd restart-policy") String restartPolicy = "on-failure";
  @Option(names = "--restart-sec", description = "Systemd restart-sec") Long restartSec;
  @Option(names = "--start-timeout", description = "Start timeout override") Long startTimeout;
  @Option(names = "--stop-timeout", description = "Stop timeout override") Long stopTimeout;
  @Option(names = {"-t", "--time"}, hidden = true, description = "Stop timeout override") Long time;
  @Option(names = "--container-prefix", description = "Systemd unit name prefix for containers") String containerPrefix = "container";
  @Option(names = "--separator", description = "Systemd unit name separator between name/id and prefix") String separator = "-";
  @Option(names = {"-e", "--env"}, description = "Set environment variables to the systemd unit files") List<String> envs = new ArrayList<>();
  @Option(names = "--wants", description = "Add (weak) requirement dependencies to the generated unit file") List<String> wants = new ArrayList<>();
  @Option(names = "--after", description = "Add dependencies order to the generated unit file") List<String> after = new ArrayList<>();
  @Option(names = "--requires", description = "Similar to wants, but declares stronger requirement dependencies") List<String> requires = new ArrayList<>();
  @Parameters(index = "0", paramLabel = "CTR") String target;

  public GenerateSystemdCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (!RESTART_POLICIES.contains(restartPolicy)) {
      throw JpodException.invalid(restartPolicy + " is not a valid restart policy");
    }
    if (time != null && stopTimeout != null) {
      throw JpodException.invalid("time and stop-timeout cannot be used together");
    }
    ContainerRecord rec;
    try {
      rec = ctx.libpod().containers().get(target);
    } catch (JpodException e) {
      throw JpodException.notFound(target + " does not refer to a container or pod: no pod with name or ID "
          + target + " found: no such pod: " + e.getMessage());
    }
    var cfg = rec.config();
    String ref = useName ? cfg.name() : cfg.id();
    String service = containerPrefix + separator + ref;
    long stop = stopTimeout != null ? stopTimeout : time != null ? time : cfg.stopTimeout();
    String exe = ctx.libpod().options().exitCommand().getFirst();
    String unit = createNew ? newUnit(service, stop, exe, cfg.createCommand())
        : unit(service, ref, stop, exe, ctx.libpod().options().runRoot().toString(),
            ctx.libpod().containers().paths(cfg).conmonPidFile().toString());
    if (files) {
      Path file = Path.of("").toAbsolutePath().resolve(service + ".service");
      Files.writeString(file, unit);
      ctx.out().println(file);
    } else {
      ctx.out().print(unit);
    }
    return 0;
  }

  private String unit(String service, String ref, long stop, String exe, String runRoot, String pidFile) {
    StringBuilder b = head(service, runRoot, stop);
    b.append("ExecStart=").append(exe).append(" start ").append(ref).append('\n')
        .append("ExecStop=").append(exe).append(" stop  \\\n\t-t ").append(stop).append(' ').append(ref).append('\n')
        .append("ExecStopPost=").append(exe).append(" stop  \\\n\t-t ").append(stop).append(' ').append(ref).append('\n')
        .append("PIDFile=").append(pidFile).append('\n')
        .append("Type=forking\n\n[Install]\nWantedBy=default.target\n");
    return b.toString();
  }

  /**
   * The unit of {@code --new}: the container is made afresh by every start, from the command line
   * that created it (with the global flags it had), and removed when the service stops.
   */
  private String newUnit(String service, long stop, String exe, List<String> createCommand) {
    int verb = -1;
    for (int i = 1; i < createCommand.size(); i++) {
      if (createCommand.get(i).equals("run") || createCommand.get(i).equals("create")) {
        verb = i;
        break;
      }
    }
    if (verb < 0) {
      throw JpodException.invalid("container not created with run or create: cannot generate a unit with --new");
    }
    int globalsEnd = verb > 1 && createCommand.get(verb - 1).equals("container") ? verb - 1 : verb;
    List<String> rootFlags = createCommand.subList(1, globalsEnd);
    var model = picocli.CommandLine.Model.CommandSpec.forAnnotatedObject(createCommand.get(verb).equals("run")
        ? new io.jpod.cli.container.RunCommand(ctx) : new io.jpod.cli.container.CreateCommand(ctx));
    SystemdCommandLine flags = SystemdCommandLine.of(createCommand.subList(verb + 1, createCommand.size()), name -> {
      var o = model.findOption(name);
      return o != null && o.arity().max() > 0 && !o.typeInfo().isBoolean();
    });
    // what came from the user is escaped for systemd; the unit's own arguments use its specifiers
    String jpodExe = SystemdCommandLine.escape(List.of(exe)).getFirst();
    List<String> globals = SystemdCommandLine.escape(rootFlags);
    List<String> start = new ArrayList<>(List.of(jpodExe));
    start.addAll(globals);
    start.addAll(List.of("run", "--cidfile=%t/%n.ctr-id", "--cgroups=no-conmon", "--rm"));
    if (!flags.has("--sdnotify")) {
      start.add("--sdnotify=conmon");
    }
    if (!flags.detached()) {
      start.add("-d");
    }
    if (flags.has("--name") && !flags.has("--replace")) {
      start.add("--replace");
    }
    start.addAll(SystemdCommandLine.escape(flags.without(List.of("--rm"), List.of("--cgroups", "--cidfile", "--restart"))));
    String jpod = jpodExe + (globals.isEmpty() ? "" : " " + SystemdCommandLine.format(globals));
    StringBuilder b = head(service, "%t/containers", stop);
    b.append("ExecStartPre=/bin/rm \\\n\t-f %t/%n.ctr-id\n")
        .append("ExecStart=").append(SystemdCommandLine.format(start)).append('\n')
        .append("ExecStop=").append(jpod).append(" stop \\\n\t--ignore -t ").append(stop)
        .append(" \\\n\t--cidfile=%t/%n.ctr-id\n")
        .append("ExecStopPost=").append(jpod).append(" rm \\\n\t-f \\\n\t--ignore -t ").append(stop)
        .append(" \\\n\t--cidfile=%t/%n.ctr-id\n")
        .append("Type=notify\nNotifyAccess=all\n\n[Install]\nWantedBy=default.target\n");
    return b.toString();
  }

  /** The unit up to its start command: header, [Unit], and [Service]'s settings. */
  private StringBuilder head(String service, String requiresMountsFor, long stop) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(service).append(".service\n");
    if (!noHeader) {
      b.append("# autogenerated by Podman 4.3.1\n# ").append(UNIX_DATE.format(ZonedDateTime.now())).append('\n');
    }
    List<String> allWants = new ArrayList<>(List.of("network-online.target"));
    allWants.addAll(wants);
    List<String> allAfter = new ArrayList<>(List.of("network-online.target"));
    allAfter.addAll(after);
    b.append("\n[Unit]\nDescription=Podman ").append(service).append(".service\n")
        .append("Documentation=man:podman-generate-systemd(1)\n")
        .append("Wants=").append(String.join(" ", allWants)).append('\n')
        .append("After=").append(String.join(" ", allAfter)).append('\n');
    if (!requires.isEmpty()) {
      b.append("Requires=").append(String.join(" ", requires)).append('\n');
    }
    b.append("RequiresMountsFor=").append(requiresMountsFor).append("\n\n[Service]\nEnvironment=PODMAN_SYSTEMD_UNIT=%n\n");
    if (!envs.isEmpty()) {
      b.append("Environment=").append(String.join(" ", envs)).append('\n');
    }
    b.append("Restart=").append(restartPolicy).append('\n');
    if (restartSec != null && restartSec > 0) {
      b.append("RestartSec=").append(restartSec).append('\n');
    }
    if (startTimeout != null && startTimeout > 0) {
      b.append("TimeoutStartSec=").append(startTimeout).append('\n');
    }
    b.append("TimeoutStopSec=").append(stop + 60).append('\n');
    return b;
  }
}
