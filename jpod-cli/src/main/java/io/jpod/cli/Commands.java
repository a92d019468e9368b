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
  private static final Map<String, Cmd> TOP =
      table(
          cmd("attach", AttachCommand.class),
          cmd("commit", CommitCommand.class),
          cmd("cp", CpCommand.class),
          cmd("create", CreateCommand.class),
          cmd("diff", DiffCommand.class),
          cmd("events", EventsCommand.class),
          cmd("exec", ExecCommand.class),
          cmd("export", ExportCommand.class),
          cmd("history", HistoryCommand.class),
          cmd("images", ImagesCommand.class),
          cmd("import", ImportCommand.class),
          cmd("info", InfoCommand.class),
          cmd("inspect", InspectCommand.class),
          cmd("kill", KillCommand.class),
          cmd("load", LoadCommand.class),
          cmd("login", LoginCommand.class),
          cmd("logout", LogoutCommand.class),
          cmd("logs", LogsCommand.class),
          cmd("mount", MountCommand.class),
          cmd("pause", PauseCommand.class),
          cmd("ps", PsCommand.class, "ls", "list"),
          cmd("pull", PullCommand.class),
          cmd("push", PushCommand.class),
          cmd("rename", RenameCommand.class),
          cmd("restart", RestartCommand.class),
          cmd("rm", RmCommand.class, "remove"),
          cmd("rmi", RmiCommand.class),
          cmd("run", RunCommand.class),
          cmd("save", SaveCommand.class),
          cmd("search", SearchCommand.class),
          cmd("start", StartCommand.class),
          cmd("stop", StopCommand.class),
          cmd("tag", TagCommand.class),
          cmd("top", TopCommand.class),
          cmd("umount", UmountCommand.class, "unmount"),
          cmd("unpause", UnpauseCommand.class),
          cmd("untag", UntagCommand.class),
          cmd("version", VersionCommand.class),
          cmd("wait", WaitCommand.class),
          cmd("port", PortCommand.class),
          cmd("init", io.jpod.cli.container.InitCommand.class),
          cmd("update", io.jpod.cli.container.UpdateCommand.class),
          cmd("stats", io.jpod.cli.container.StatsCommand.class));
  /** {@code jpod container <name>}. */
  private static final Map<String, Cmd> CONTAINER =
      table(
          cmd("attach", AttachCommand.class),
          cmd("cleanup", CleanupCommand.class),
          cmd("commit", CommitCommand.class),
          cmd("cp", CpCommand.class),
          cmd("create", CreateCommand.class),
          cmd("diff", DiffCommand.class),
          cmd("exec", ExecCommand.class),
          cmd("exists", ExistsCommand.class),
          cmd("export", ExportCommand.class),
          cmd("inspect", InspectCommand.class),
          cmd("kill", KillCommand.class),
          cmd("logs", LogsCommand.class),
          cmd("mount", MountCommand.class),
          cmd("pause", PauseCommand.class),
          cmd("prune", PruneCommand.class),
          cmd("ps", PsCommand.class, "ls", "list"),
          cmd("rename", RenameCommand.class),
          cmd("restart", RestartCommand.class),
          cmd("rm", RmCommand.class, "remove"),
          cmd("run", RunCommand.class),
          cmd("start", StartCommand.class),
          cmd("stop", StopCommand.class),
          cmd("top", TopCommand.class),
          cmd("umount", UmountCommand.class, "unmount"),
          cmd("unpause", UnpauseCommand.class),
          cmd("wait", WaitCommand.class),
          cmd("port", PortCommand.class),
          cmd("init", io.jpod.cli.container.InitCommand.class),
          cmd("update", io.jpod.cli.container.UpdateCommand.class),
          cmd("stats", io.jpod.cli.container.StatsCommand.class));
  /** {@code jpod network <name>}. */
  private static final Map<String, Cmd> NETWORK =
      table(
          cmd("connect", NetworkConnectCommand.class),
          cmd("create", NetworkCreateCommand.class),
          cmd("disconnect", NetworkDisconnectCommand.class),
          cmd("exists", NetworkExistsCommand.class),
          cmd("inspect", NetworkInspectCommand.class),
          cmd("ls", NetworkListCommand.class, "list"),
          cmd("prune", NetworkPruneCommand.class),
          cmd("reload", NetworkReloadCommand.class),
          cmd("rm", NetworkRmCommand.class, "remove"));
  /** {@code jpod image <name>}. */
  private static final Map<String, Cmd> IMAGE =
      table(
          cmd("diff", DiffCommand.class),
          cmd("history", HistoryCommand.class),
          cmd("exists", ImageExistsCommand.class),
          cmd("inspect", ImageInspectCommand.class),
          cmd("ls", ImageListCommand.class, "list"),
          cmd("prune", ImagePruneCommand.class),
          cmd("rm", ImageRmCommand.class, "remove"),
          cmd("import", ImportCommand.class),
          cmd("load", LoadCommand.class),
          cmd("pull", PullCommand.class),
          cmd("push", PushCommand.class),
          cmd("save", SaveCommand.class),
          cmd("search", SearchCommand.class),
          cmd("tag", TagCommand.class),
          cmd("untag", UntagCommand.class));
  /** {@code jpod manifest <name>}. */
  private static final Map<String, Cmd> MANIFEST = table(
          cmd("inspect", ManifestInspectCommand.class));
  /** {@code jpod pod <name>}. */
  private static final Map<String, Cmd> POD =
      table(
          cmd("create", io.jpod.cli.pod.PodCreateCommand.class),
          cmd("exists", io.jpod.cli.pod.PodExistsCommand.class),
          cmd("inspect", io.jpod.cli.pod.PodInspectCommand.class),
          cmd("kill", io.jpod.cli.pod.PodKillCommand.class),
          cmd("logs", io.jpod.cli.pod.PodLogsCommand.class),
          cmd("pause", io.jpod.cli.pod.PodPauseCommand.class),
          cmd("prune", io.jpod.cli.pod.PodPruneCommand.class),
          cmd("ps", io.jpod.cli.pod.PodPsCommand.class, "ls", "list"),
          cmd("restart", io.jpod.cli.pod.PodRestartCommand.class),
          cmd("rm", io.jpod.cli.pod.PodRmCommand.class),
          cmd("start", io.jpod.cli.pod.PodStartCommand.class),
          cmd("stats", io.jpod.cli.pod.PodStatsCommand.class),
          cmd("stop", io.jpod.cli.pod.PodStopCommand.class),
          cmd("top", io.jpod.cli.pod.PodTopCommand.class),
          cmd("unpause", io.jpod.cli.pod.PodUnpauseCommand.class));
  /** {@code jpod healthcheck <name>}. */
  private static final Map<String, Cmd> HEALTHCHECK = table(
          cmd("run", io.jpod.cli.healthcheck.HealthcheckRunCommand.class));
  /** {@code jpod system <name>}. */
  private static final Map<String, Cmd> SYSTEM = table(
          cmd("df", DfCommand.class),
          cmd("events", EventsCommand.class),
          cmd("info", InfoCommand.class),
          cmd("service", ServiceCommand.class),
          cmd("renumber", io.jpod.cli.system.RenumberCommand.class),
          cmd("prune", io.jpod.cli.system.SystemPruneCommand.class),
          cmd("reset", io.jpod.cli.system.SystemResetCommand.class));
  /** {@code jpod volume <name>}. */
  private static final Map<String, Cmd> VOLUME =
      table(
          cmd("create", VolumeCreateCommand.class),
          cmd("exists", VolumeExistsCommand.class),
          cmd("export", VolumeExportCommand.class),
          cmd("import", VolumeImportCommand.class),
          cmd("inspect", VolumeInspectCommand.class),
          cmd("ls", VolumeLsCommand.class, "list"),
          cmd("prune", VolumePruneCommand.class),
          cmd("rm", VolumeRmCommand.class, "remove"),
          cmd("mount", io.jpod.cli.volume.VolumeMountCommand.class),
          cmd("unmount", io.jpod.cli.volume.VolumeUnmountCommand.class),
          cmd("reload", io.jpod.cli.volume.VolumeReloadCommand.class));
  /** {@code jpod secret <name>}. */
  private static final Map<String, Cmd> SECRET =
      table(
          cmd("create", io.jpod.cli.secret.SecretCreateCommand.class),
          cmd("inspect", io.jpod.cli.secret.SecretInspectCommand.class),
          cmd("ls", io.jpod.cli.secret.SecretLsCommand.class, "list"),
          cmd("rm", io.jpod.cli.secret.SecretRmCommand.class));
  /** {@code jpod generate <name>}. */
  private static final Map<String, Cmd> GENERATE = table(
          cmd("systemd", io.jpod.cli.generate.GenerateSystemdCommand.class));
  /** The command groups. */
  private static final Map<String, Map<String, Cmd>> GROUPS =
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

  /**
   * One command of a table: its name and aliases as its {@code @Command} says (kept here so that
   * finding the command to run reads no annotations: each costs a fresh JVM a parsed annotation
   * proxy; {@code CommandsTest} checks the two agree).
   */
  record Cmd(String name, Class<?> type, List<String> aliases) {}

  static Cmd cmd(String name, Class<?> type, String... aliases) {
    return new Cmd(name, type, List.of(aliases));
  }

  /** An unmodifiable name → command table, sorted by name as podman's help lists commands. */
  private static Map<String, Cmd> table(Cmd... commands) {
    Map<String, Cmd> m = new java.util.TreeMap<>();
    for (Cmd c : commands) {
      m.put(c.name(), c);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Every table, for the consistency test: "" holds the top-level commands. */
  static Map<String, Map<String, Cmd>> tables() {
    var all = new java.util.LinkedHashMap<String, Map<String, Cmd>>();
    all.put("", TOP);
    all.putAll(GROUPS);
    return all;
  }

  private Commands() {}

  static void register(CommandLine root, CliContext ctx, String[] args, CliModels models) {
    List<String> words = commandWords(args);
    String first = words.isEmpty() ? null : words.getFirst();
    Maker factory = new Maker(models, new CliFactory(ctx));
    if (first != null && TOP.containsKey(first)) {
      add(root, first, TOP.get(first).type(), factory);
      return;
    }
    if (first != null && GROUPS.containsKey(first)) {
      Map<String, Cmd> table = GROUPS.get(first);
      CommandLine group = group(first, factory);
      String second = words.size() > 1 ? words.get(1) : null;
      Cmd only = second == null ? null : lookup(table, second);
      if (only != null) {
        add(group, only.name(), only.type(), factory);
      } else {
        table.forEach((n, c) -> add(group, n, c.type(), factory));
      }
      root.addSubcommand(first, group);
      return;
    }
    // Help lists commands and groups together, alphabetically, as podman's does.
    var names = new java.util.TreeSet<String>(TOP.keySet());
    names.addAll(GROUPS.keySet());
    for (String name : names) {
      if (TOP.containsKey(name)) {
        add(root, name, TOP.get(name).type(), factory);
      } else {
        CommandLine group = group(name, factory);
        GROUPS.get(name).forEach((n, c) -> add(group, n, c.type(), factory));
        root.addSubcommand(name, group);
      }
    }
  }

  private static Cmd lookup(Map<String, Cmd> table, String word) {
    for (Cmd c : table.values()) {
      if (c.name().equals(word) || c.aliases().contains(word)) {
        return c;
      }
    }
    return null;
  }

  private static void add(CommandLine parent, String name, Class<?> cls, Maker factory) {
    CommandLine sub = factory.models().commandLine(cls, factory.factory());
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

  private static CommandLine group(String name, Maker factory) {
    CommandLine cl = factory.models().commandLine(new Group(), factory.factory()).setCommandName(name);
    cl.getCommandSpec().usageMessage().description(GROUP_DESCRIPTIONS.getOrDefault(name, "Manage " + name + "s"));
    return withHelp(cl);
  }

  /** How command lines are made: the models and the factory of command objects. */
  private record Maker(CliModels models, CommandLine.IFactory factory) {}

  /** A command group such as {@code container}: needs a subcommand. */
  @Command
  static final class Group implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "missing command '" + spec.qualifiedName() + " COMMAND'");
    }
  }

  /** The command class the command words name, or null (help, unknown words, aliases of top commands). */
  static Class<?> commandClass(List<String> words) {
    String first = words.isEmpty() ? null : words.getFirst();
    if (first == null) {
      return null;
    }
    if (TOP.containsKey(first)) {
      return TOP.get(first).type();
    }
    Map<String, Cmd> table = GROUPS.get(first);
    Cmd cmd = table == null || words.size() < 2 ? null : lookup(table, words.get(1));
    return cmd == null ? null : cmd.type();
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
