package io.jpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: {@code jpod [global flags] COMMAND}. */
@Command(
    name = "jpod",
    description = "Manage pods, containers and images (podman-compatible, in Java)",
    mixinStandardHelpOptions = false,
    versionProvider = VersionCommand.Provider.class)
public final class JpodCommand implements Runnable {
  @Mixin GlobalOptions globals;

  @Spec CommandSpec spec;

  @picocli.CommandLine.Option(names = {"-v", "--version"}, versionHelp = true, description = "Version of jpod")
  boolean version;

  @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Help for jpod")
  boolean help;

  /** podman's short form of {@code --remote}, taken only before the command (subcommands may use -r). */
  @picocli.CommandLine.Option(names = "-r", hidden = true, description = "Access remote Podman service")
  void shortRemote(boolean v) {
    globals.remote = v;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command 'jpod COMMAND'");
  }
}
