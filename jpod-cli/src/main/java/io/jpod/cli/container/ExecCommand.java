package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod exec}: run a process in a running container; exits with the process's code. */
@Command(name = "exec", description = "Run a process in a running container")
public final class ExecCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached") boolean interactive;
  @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY") boolean tty;
  @Option(names = {"-d", "--detach"}, description = "Run the exec session in detached mode (backgrounded)") boolean detach;
  @Option(names = {"-e", "--env"}, description = "Set environment variables") List<String> env = new ArrayList<>();
  @Option(names = "--env-file", description = "Read in a file of environment variables") List<String> envFiles = new ArrayList<>();
  @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container") String workdir;
  @Option(names = {"-u", "--user"}, description = "Sets the username or UID used") String user;
  @Option(names = "--detach-keys", description = "Select the key sequence for detaching a container") String detachKeys;
  @Option(names = "--privileged", description = "Give the process extended Linux capabilities") boolean privileged;
  @Option(names = {"-l", "--latest"}, description = "Act on the latest container podman is aware of") boolean latest;
  @Parameters(index = "0", paramLabel = "CONTAINER") String container;
  @Parameters(index = "1..*", paramLabel = "COMMAND") List<String> command = new ArrayList<>();

  public ExecCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (latest) {
      if (ctx.remote()) {
        throw io.jpod.common.JpodException.invalid("--latest is not supported with the \"--remote\" flag");
      }
      // with --latest the first word is the command, not a container
      command.addFirst(container);
      container = ctx.libpod().containers().list().stream()
          .max(java.util.Comparator.comparing(r -> r.config().created()))
          .map(r -> r.config().id())
          .orElseThrow(() -> io.jpod.common.JpodException.notFound("no containers to exec in"));
    }
    List<String> allEnv = new ArrayList<>();
    envFiles.forEach(f -> allEnv.addAll(CreateFlags.readEnvFile(f)));
    allEnv.addAll(env);
    if (ctx.remote()) {
      var streams = new io.jpod.core.container.ContainerService.Streams(interactive ? ctx.in() : null, ctx.out(), ctx.err(), List.of());
      try (Terminals t = Terminals.rawIfTty(tty && interactive && !detach)) {
        int code = ctx.engine().exec(container, new io.jpod.cli.engine.ContainerEngine.Exec(command, allEnv, workdir, user, tty,
            interactive, detach, privileged), streams);
        ctx.out().flush();
        return code;
      }
    }
    var svc = ctx.libpod().containers();
    var streams = Terminals.streams(ctx, interactive, tty, detachKeys);
    // a detached session is named by its id, which podman prints
    String sessionId = detach ? ctx.libpod().ids().newId() : null;
    try (Terminals t = Terminals.rawIfTty(tty && interactive && !detach)) {
      int code = svc.exec(container, new io.jpod.core.container.ExecRequest(command, allEnv, workdir, user, tty, interactive,
          detach, sessionId, privileged), streams, () -> {});
      if (detach) {
        ctx.out().println(sessionId);
      }
      ctx.out().flush();
      return code;
    } catch (io.jpod.common.JpodException e) {
      if (e.kind() == io.jpod.common.ErrorKind.WRONG_STATE || e.kind() == io.jpod.common.ErrorKind.INVALID_ARGUMENT) {
        // podman 4.3 ends an exec session it cannot make (the container's state, an unknown user, no
        // command) with 255, not 125
        ctx.err().println("Error: " + e.getMessage());
        throw new io.jpod.cli.Main.ExitCode(255);
      }
      throw e;
    }
  }
}
