package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import io.jpod.common.ErrorKind;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod network rm [-f] NETWORK...}: prints each removed name; as in podman an unknown network
 * exits 1 and one in use 2 (unless {@code -f}, which removes its containers first).
 */
@Command(name = "rm", aliases = "remove", description = "Remove networks")
public final class NetworkRmCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--force"}, description = "remove any containers using network") boolean force;
  @Option(names = {"-t", "--time"}, converter = io.jpod.cli.GoFlags.Uint.class, description = "Seconds to wait for running containers to stop before killing the container") Integer time;
  @Parameters(arity = "0..*", paramLabel = "NETWORK") List<String> args = new ArrayList<>();

  public NetworkRmCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw JpodException.invalid("requires at least 1 arg(s), only received 0");
    }
    int rc = 0;
    JpodException last = null;
    for (String a : args) {
      try {
        ctx.out().println(ctx.engine().removeNetwork(a, force, time));
      } catch (JpodException e) {
        if (last != null) {
          ctx.err().println("Error: " + last.getMessage());
        }
        last = e;
        // podman's exit codes: 1 for an unknown network, 2 for one in use
        rc = e.kind() == ErrorKind.CONFLICT && e.getMessage().endsWith("network is being used") ? 2
            : e.kind() == ErrorKind.NOT_FOUND ? 1 : e.kind().exitCode();
      }
    }
    ctx.out().flush();
    if (last != null) {
      if (rc == 1 || rc == 2) {
        ctx.err().println("Error: " + last.getMessage());
        return rc;
      }
      throw last;
    }
    return 0;
  }
}
