package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.image.registry.AuthFile;
import io.jpod.image.registry.RegistryClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod login REGISTRY}: check credentials against the registry and store them in auth.json. */
@Command(name = "login", description = "Log in to a container registry")
public final class LoginCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-u", "--username"}, description = "Username for registry") String username;
  @Option(names = {"-p", "--password"}, description = "Password for registry") String password;
  @Option(names = "--password-stdin", description = "Take the password from stdin") boolean passwordStdin;
  @Option(names = "--authfile", description = "path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override") String authfile;
  @Option(names = "--cert-dir", description = "use certificates at the specified path to access the registry") String certDir;
  @Option(names = "--tls-verify", arity = "0..1", fallbackValue = "true", description = "Require HTTPS and verify certificates when contacting registries") Boolean tlsVerify;
  @Option(names = "--get-login", description = "Return the current login user for the registry") boolean getLogin;
  @Option(names = {"-v", "--verbose"}, description = "Write more detailed information to stdout") boolean verbose;
  @Parameters(arity = "0..1", paramLabel = "REGISTRY") String registry;

  public LoginCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (registry == null) {
      throw JpodException.invalid("please provide a registry to log in to");
    }
    String key = AuthFile.loginKey(registry, true);
    String host = AuthFile.loginKey(registry, false);
    AuthFile auth = AuthFile.fromEnvironment(authfile);
    if (getLogin) {
      Optional<AuthFile.Credentials> c = auth.lookupKey(key);
      if (c.isEmpty()) {
        throw JpodException.notFound("not logged into " + key);
      }
      ctx.out().println(c.get().username());
      return 0;
    }
    if (password != null && passwordStdin) {
      throw JpodException.invalid("--password and --password-stdin are mutually exclusive");
    }
    String pass = password;
    if (passwordStdin) {
      if (username == null) {
        throw JpodException.invalid("must provide --username with --password-stdin");
      }
      pass = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8)).readLine();
      pass = pass == null ? "" : pass.strip();
    }
    if (username == null || pass == null) {
      Optional<AuthFile.Credentials> stored = auth.lookupKey(key);
      if (username == null && pass == null && stored.isPresent()) {
        username = stored.get().username();
        pass = stored.get().password();
      } else {
        throw JpodException.invalid("jpod login does not prompt: give --username and --password (or --password-stdin)");
      }
    }
    if (username.isEmpty()) {
      throw JpodException.invalid("username can't be empty");
    }
    var access = new RegistryFlags().access().withAuthFile(auth).withTlsVerify(tlsVerify)
        .withCredentials(AuthFile.Credentials.of(username, pass));
    if (certDir != null) {
      access = access.withCertDir(Path.of(certDir));
    }
    try (RegistryClient client = access.clientForRegistry(host)) {
      client.verifyLogin(key);
    }
    Path written = auth.store(key, username, pass);
    if (verbose) {
      ctx.out().println("Used: " + written);
    }
    ctx.out().println("Login Succeeded!");
    return 0;
  }
}
