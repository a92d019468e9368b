package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.image.registry.AuthFile;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod logout REGISTRY | --all}: forget stored credentials. */
@Command(name = "logout", description = "Log out of a container registry")
public final class LogoutCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--all"}, description = "Remove the cached credentials for all registries in the auth file") boolean all;
  @Option(names = "--authfile", description = "path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override") String authfile;
  @Parameters(arity = "0..1", paramLabel = "REGISTRY") String registry;

  public LogoutCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    AuthFile auth = AuthFile.fromEnvironment(authfile);
    if (all) {
      auth.removeAll();
      ctx.out().println("Removed login credentials for all registries");
      return 0;
    }
    if (registry == null) {
      throw JpodException.invalid("please provide a registry to log out from");
    }
    String key = AuthFile.loginKey(registry, true);
    auth.remove(key);
    ctx.out().println("Removed login credentials for " + key);
    return 0;
  }
}
