package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.transfer.TransferOptions;
import io.jpod.image.archive.Platform;
import io.jpod.image.copy.CopyProgress;
import io.jpod.image.registry.AuthFile;
import io.jpod.image.registry.RegistryAccess;
import io.jpod.sys.Terminal;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The registry flags pull, push, search and friends share, turned into {@link TransferOptions}. */
public final class RegistryFlags {
  @Option(names = "--authfile", description = "Path of the authentication file. Use REGISTRY_AUTH_FILE environment variable to override")
  String authfile;
  @Option(names = "--cert-dir", description = "Use certificates at the specified path to access the registry")
  String certDir;
  @Option(names = "--creds", description = "Use `[username[:password]]` for accessing the registry")
  String creds;
  @Option(names = "--tls-verify", arity = "0..1", fallbackValue = "true",
      description = "Require HTTPS and verify certificates when contacting registries")
  Boolean tlsVerify;

  /** The registry access these flags describe. */
  public RegistryAccess access() {
    RegistryAccess a = RegistryAccess.system().withAuthFile(AuthFile.fromEnvironment(authfile)).withTlsVerify(tlsVerify);
    if (certDir != null) {
      a = a.withCertDir(Path.of(certDir));
    }
    if (creds != null) {
      a = a.withCredentials(parseCreds(creds));
    }
    return a;
  }

  static AuthFile.Credentials parseCreds(String creds) {
    if (creds.isEmpty()) {
      throw JpodException.invalid("credentials can't be empty");
    }
    int colon = creds.indexOf(':');
    if (colon < 0) {
      throw JpodException.invalid("--creds: a password is required (USERNAME:PASSWORD); jpod does not prompt");
    }
    if (colon == 0) {
      throw JpodException.invalid("username can't be empty");
    }
    return AuthFile.Credentials.of(creds.substring(0, colon), creds.substring(colon + 1));
  }

  /** Options with progress on stderr (bars on a terminal) unless {@code quiet}, and notes on stderr. */
  public TransferOptions options(CliContext ctx, Platform platform, boolean quiet) {
    boolean tty = Terminal.isatty(2);
    CopyProgress progress = quiet ? CopyProgress.NONE : new CopyProgressPrinter(ctx.err(), tty);
    return new TransferOptions(access(), platform, null, Terminal.isatty(0) && Terminal.isatty(1), progress,
        quiet ? s -> {} : ctx.err()::println, (name, candidates) -> prompt(ctx, name, candidates));
  }

  /** A numbered list on stderr and the answer from stdin (podman shows a menu; the choice is the same). */
  private static int prompt(CliContext ctx, String shortName, java.util.List<String> candidates) {
    ctx.err().println("? Please select an image for \"" + shortName + "\":");
    for (int i = 0; i < candidates.size(); i++) {
      ctx.err().println("  " + (i + 1) + ") " + candidates.get(i));
    }
    ctx.err().print("Enter a number [1-" + candidates.size() + "]: ");
    ctx.err().flush();
    try {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(ctx.in())).readLine();
      int n = Integer.parseInt(line == null ? "" : line.strip());
      if (n >= 1 && n <= candidates.size()) {
        return n - 1;
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // fall through to the error
    }
    throw JpodException.invalid("short-name resolution: no image selected for \"" + shortName + "\"");
  }
}
