package io.jpod.cli;

import io.jpod.cli.container.AttachCommand;
import io.jpod.cli.container.CleanupCommand;
import io.jpod.cli.container.CommitCommand;
import io.jpod.cli.container.CpCommand;
import io.jpod.cli.container.CreateCommand;
import io.jpod.cli.container.DiffCommand;
import io.jpod.cli.container.ExecCommand;
import io.jpod.cli.container.ExistsCommand;
import io.jpod.cli.container.ExportCommand;
import io.jpod.cli.container.InspectCommand;
import io.jpod.cli.container.KillCommand;
import io.jpod.cli.container.LogsCommand;
import io.jpod.cli.container.MountCommand;
import io.jpod.cli.container.PauseCommand;
import io.jpod.cli.container.PruneCommand;
import io.jpod.cli.container.PsCommand;
import io.jpod.cli.container.RenameCommand;
import io.jpod.cli.container.RestartCommand;
import io.jpod.cli.container.RmCommand;
import io.jpod.cli.container.RunCommand;
import io.jpod.cli.container.StartCommand;
import io.jpod.cli.container.StopCommand;
import io.jpod.cli.container.TopCommand;
import io.jpod.cli.container.UmountCommand;
import io.jpod.cli.container.UnpauseCommand;
import io.jpod.cli.container.WaitCommand;
import io.jpod.cli.image.HistoryCommand;
import io.jpod.cli.image.ImageExistsCommand;
import io.jpod.cli.image.ImageInspectCommand;
import io.jpod.cli.image.ImageListCommand;
import io.jpod.cli.image.ImagePruneCommand;
import io.jpod.cli.image.ImageRmCommand;
import io.jpod.cli.image.ImagesCommand;
import io.jpod.cli.image.LoadCommand;
import io.jpod.cli.image.LoginCommand;
import io.jpod.cli.image.LogoutCommand;
import io.jpod.cli.image.ManifestInspectCommand;
import io.jpod.cli.image.PullCommand;
import io.jpod.cli.image.PushCommand;
import io.jpod.cli.image.SaveCommand;
import io.jpod.cli.image.SearchCommand;
import io.jpod.cli.image.ImportCommand;
import io.jpod.cli.image.RmiCommand;
import io.jpod.cli.image.TagCommand;
import io.jpod.cli.image.UntagCommand;
import io.jpod.cli.network.NetworkConnectCommand;
import io.jpod.cli.network.NetworkCreateCommand;
import io.jpod.cli.network.NetworkDisconnectCommand;
import io.jpod.cli.network.NetworkExistsCommand;
import io.jpod.cli.network.NetworkInspectCommand;
import io.jpod.cli.network.NetworkListCommand;
import io.jpod.cli.network.NetworkPruneCommand;
import io.jpod.cli.network.NetworkReloadCommand;
import io.jpod.cli.network.NetworkRmCommand;
import io.jpod.cli.network.PortCommand;
import io.jpod.cli.system.DfCommand;
import io.jpod.cli.system.EventsCommand;
import io.jpod.cli.system.InfoCommand;
import io.jpod.cli.volume.VolumeCreateCommand;
import io.jpod.cli.volume.VolumeExistsCommand;
import io.jpod.cli.volume.VolumeExportCommand;
import io.jpod.cli.volume.VolumeImportCommand;
import io.jpod.cli.volume.VolumeInspectCommand;
import io.jpod.cli.volume.VolumeLsCommand;
import io.jpod.cli.volume.VolumePruneCommand;
import io.jpod.cli.volume.VolumeRmCommand;
import io.jpod.cli.system.ServiceCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command table. Only the command being run is registered (picocli reads a command's annotations
 * when it is added), which keeps start-up short; help and unknown commands register everything.
 */
final class Commands {
  /** Top-level commands; the {@code container} group holds the container ones too. */
  private static final Map<String, Class<?>> TOP =
      table(AttachCommand.class, CommitCommand.class, CpCommand.class, CreateCommand.class, DiffCommand.class,
          EventsCommand.class, ExecCommand.class, ExportCommand.class, HistoryCommand.class,
          ImagesCommand.class, ImportCommand.class, InfoCommand.class, InspectCommand.class,
          KillCommand.class, LoadCommand.class, LoginCommand.class, LogoutCommand.class, LogsCommand.class,
          MountCommand.class, PauseCommand.class, PsCommand.class, PullCommand.class, PushCommand.class,
          RenameCommand.class, RestartCommand.class, RmCommand.class, RmiCommand.class, RunCommand.class,
          SaveCommand.class, SearchCommand.class, StartCommand.class, StopCommand.class, TagCommand.class,
          TopCommand.class, UmountCommand.class, UnpauseCommand.class, UntagCommand.class,
          VersionCommand.class, WaitCommand.class, PortCommand.class, io.jpod.cli.container.InitCommand.class,
          io.jpod.cli.container.UpdateCommand.class, io.jpod.cli.container.StatsCommand.class);
  /** {@code jpod container <name>}. */
  private static final Map<String, Class<?>> CONTAINER =
      table(AttachCommand.class, CleanupCommand.class, CommitCommand.class, CpCommand.class,
          CreateCommand.class, DiffCommand.class, ExecCommand.class, ExistsCommand.class, ExportCommand.class,
          InspectCommand.class, KillCommand.class, LogsCommand.class, MountCommand.class, PauseCommand.class,
          PruneCommand.class, PsCommand.class, RenameCommand.class, RestartCommand.class, RmCommand.class,
          RunCommand.class, StartCommand.class, StopCommand.class, TopCommand.class, UmountCommand.class,
          UnpauseCommand.class, WaitCommand.class, PortCommand.class, io.jpod.cli.container.InitCommand.class,
          io.jpod.cli.container.UpdateCommand.class, io.jpod.cli.container.StatsCommand.class);
  /** {@code jpod network <name>}. */
  private static final Map<String, Class<?>> NETWORK =
      table(NetworkConnectCommand.class, NetworkCreateCommand.class, NetworkDisconnectCommand.class,
          NetworkExistsCommand.class, NetworkInspectCommand.class, NetworkListCommand.class,
          NetworkPruneCommand.class, NetworkReloadCommand.class, NetworkRmCommand.class);
  /** {@code jpod image <name>}. */
  private static final Map<String, Class<?>> IMAGE =
      table(DiffCommand.class, HistoryCommand.class, ImageExistsCommand.class, ImageInspectCommand.class,
          ImageListCommand.class, ImagePruneCommand.class, ImageRmCommand.class, ImportCommand.class,
          LoadCommand.class, PullCommand.class, PushCommand.class, SaveCommand.class, SearchCommand.class,
          TagCommand.class, UntagCommand.class);
  /** {@code jpod manifest <name>}. */
  private static final Map<String, Class<?>> MANIFEST = table(ManifestInspectCommand.class);
  /** {@code jpod pod <name>}. */
  private static final Map<String, Class<?>> POD =
      table(io.jpod.cli.pod.PodCreateCommand.class, io.jpod.cli.pod.PodExistsCommand.class,
          io.jpod.cli.pod.PodInspectCommand.class, io.jpod.cli.pod.PodKillCommand.class,
          io.jpod.cli.pod.PodLogsCommand.class, io.jpod.cli.pod.PodPauseCommand.class,
          io.jpod.cli.pod.PodPruneCommand.class, io.jpod.cli.pod.PodPsCommand.class,
          io.jpod.cli.pod.PodRestartCommand.class, io.jpod.cli.pod.PodRmCommand.class,
          io.jpod.cli.pod.PodStartCommand.class, io.jpod.cli.pod.PodStatsCommand.class,
          io.jpod.cli.pod.PodStopCommand.class, io.jpod.cli.pod.PodTopCommand.class,
          io.jpod.cli.pod.PodUnpauseCommand.class);
  /** {@code jpod healthcheck <name>}. */
  private static final Map<String, Class<?>> HEALTHCHECK = table(io.jpod.cli.healthcheck.HealthcheckRunCommand.class);
  /** {@code jpod system <name>}. */
  private static final Map<String, Class<?>> SYSTEM = table(DfCommand.class, EventsCommand.class, InfoCommand.class,
      ServiceCommand.class, io.jpod.cli.system.RenumberCommand.class,
      io.jpod.cli.system.SystemPruneCommand.class, io.jpod.cli.system.SystemResetCommand.class);
  /** {@code jpod volume <name>}. */
  private static final Map<String, Class<?>> VOLUME =
      table(VolumeCreateCommand.class, VolumeExistsCommand.class, VolumeExportCommand.class,
          VolumeImportCommand.class, VolumeInspectCommand.class, VolumeLsCommand.class, VolumePruneCommand.class,
          VolumeRmCommand.class, io.jpod.cli.volume.VolumeMountCommand.class,
          io.jpod.cli.volume.VolumeUnmountCommand.class, io.jpod.cli.volume.VolumeReloadCommand.class);
  /** {@code jpod secret <name>}. */
  private static final Map<String, Class<?>> SECRET =
      table(io.jpod.cli.secret.SecretCreateCommand.class, io.jpod.cli.secret.SecretInspectCommand.class,
          io.jpod.cli.secret.SecretLsCommand.class, io.jpod.cli.secret.SecretRmCommand.class);
  /** {@code jpod generate <name>}. */
  private static final Map<String, Class<?>> GENERATE = table(io.jpod.cli.generate.GenerateSystemdCommand.class);
  /** The command groups. */
  private static final Map<String, Map<String, Class<?>>> GROUPS =
      Map.of("container", CONTAINER, "image", IMAGE, "manifest", MANIFEST, "network", NETWORK, "pod", POD,
          "system", SYSTEM, "volume", VOLUME, "healthcheck", HEALTHCHECK, "secret", SECRET, "generate", GENERATE);
  /** What help says of each group (podman's words). */
  private static final Map<String, String> GROUP_DESCRIPTIONS = Map.of(
      "container", "Manage containers",
      "generate", "Generate structured data based on containers, pods or volumes",
      "healthcheck", "Manage health checks on containers",
      "image", "Manage images",
      "manifest", "Manipulate manifest lists and image indexes",
      "network", "Manage networks",
      "pod", "Manage pods",
      "system", "Manage jpod",
      "secret", "Manage secrets",
      "volume", "Manage volumes");
  /** Global flags that take a value, to find the command word in the arguments. */
  private static final Set<String> VALUE_FLAGS =
      Set.of("--root", "--runroot", "--runtime", "--cgroup-manager", "--log-level", "--tmpdir", "--conmon", "--events-backend",
          "--storage-driver", "--storage-opt", "--network-config-dir", "--network-backend");

  /** An unmodifiable name → command table, sorted by name as podman's help lists commands. */
  private static Map<String, Class<?>> table(Class<?>... commands) {
    Map<String, Class<?>> m = new java.util.TreeMap<>();
    for (Class<?> c : commands) {
      m.put(c.getAnnotation(Command.class).name(), c);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private Commands() {}

  static void register(CommandLine root, CliContext ctx, String[] args) {
    List<String> words = commandWords(args);
    String first = words.isEmpty() ? null : words.getFirst();
    CommandLine.IFactory factory = new CliFactory(ctx);
    if (first != null && TOP.containsKey(first)) {
      add(root, first, TOP.get(first), factory);
      return;
    }
    if (first != null && GROUPS.containsKey(first)) {
      Map<String, Class<?>> table = GROUPS.get(first);
      CommandLine group = group(first, factory);
      String second = words.size() > 1 ? words.get(1) : null;
      Class<?> only = second == null ? null : lookup(table, second);
      if (only != null) {
        add(group, only.getAnnotation(Command.class).name(), only, factory);
      } else {
        table.forEach((n, c) -> add(group, n, c, factory));
      }
      root.addSubcommand(first, group);
      return;
    }
    // Help lists commands and groups together, alphabetically, as podman's does.
    var names = new java.util.TreeSet<String>(TOP.keySet());
    names.addAll(GROUPS.keySet());
    for (String name : names) {
      if (TOP.containsKey(name)) {
        add(root, name, TOP.get(name), factory);
      } else {
        CommandLine group = group(name, factory);
        GROUPS.get(name).forEach((n, c) -> add(group, n, c, factory));
        root.addSubcommand(name, group);
      }
    }
  }

  private static Class<?> lookup(Map<String, Class<?>> table, String word) {
    for (Class<?> c : table.values()) {
      Command a = c.getAnnotation(Command.class);
      if (a.name().equals(word) || List.of(a.aliases()).contains(word)) {
        return c;
      }
    }
    return null;
  }

  private static void add(CommandLine parent, String name, Class<?> cls, CommandLine.IFactory factory) {
    CommandLine sub = new CommandLine(cls, factory);
    // podman stops parsing flags at the image/container argument: what follows belongs to the
    // container's command ("jpod run busybox ls -l").
    if (Set.of("run", "create", "exec").contains(name)) {
      sub.setStopAtPositional(true);
    }
    // top's descriptors may be ps(1) options ("jpod top ctr -eo pid,comm")
    if (name.equals("top")) {
      sub.setUnmatchedOptionsArePositionalParams(true);
    }
    withHelp(sub);
    parent.addSubcommand(name, sub);
  }

  /** podman's {@code --help} on every command ({@code -h} is taken by flags such as run's hostname). */
  private static CommandLine withHelp(CommandLine cl) {
    var spec = cl.getCommandSpec();
    if (spec.findOption("--help") == null) {
      spec.addOption(CommandLine.Model.OptionSpec.builder("--help").usageHelp(true)
          .description("Help for " + spec.name()).build());
    }
    return cl;
  }

  private static CommandLine group(String name, CommandLine.IFactory factory) {
    CommandLine cl = new CommandLine(new Group(), factory).setCommandName(name);
    cl.getCommandSpec().usageMessage().description(GROUP_DESCRIPTIONS.getOrDefault(name, "Manage " + name + "s"));
    return withHelp(cl);
  }

  /** A command group such as {@code container}: needs a subcommand. */
  @Command
  static final class Group implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "missing command '" + spec.qualifiedName() + " COMMAND'");
    }
  }

  static List<String> commandWords(String[] args) {
    List<String> words = new java.util.ArrayList<>();
    for (int i = 0; i < args.length && words.size() < 2; i++) {
      String a = args[i];
      if (a.startsWith("-")) {
        if (VALUE_FLAGS.contains(a)) {
          i++;
        }
        if (!words.isEmpty()) {
          break;
        }
        continue;
      }
      words.add(a);
    }
    return words;
  }
}
