package io.jpod.cli.secret;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.secret.SecretService;
import io.jpod.core.secret.SecretSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod secret create NAME FILE|-}: prints the new secret's id. */
@Command(name = "create", description = "Create a new secret")
public final class SecretCreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-d", "--driver"}, description = "Specify secret driver") String driver = SecretService.FILE_DRIVER;
  @Option(names = "--driver-opts", description = "Specify driver specific options") List<String> driverOpts = new ArrayList<>();
  @Option(names = "--env", description = "Read secret data from environment variable") boolean env;
  @Option(names = {"-l", "--label"}, description = "Specify labels on the secret") List<String> labels = new ArrayList<>();
  @Parameters(arity = "0..*", paramLabel = "NAME FILE|-") List<String> args = new ArrayList<>();

  public SecretCreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 2) {
      throw JpodException.invalid("accepts 2 arg(s), received " + args.size());
    }
    byte[] data = read(args.get(1));
    var spec = new SecretSpec(args.get(0), data, driver, options(driverOpts), labels(labels));
    ctx.out().println(ctx.libpod().secrets().create(spec).id());
    return 0;
  }

  private byte[] read(String source) {
    if (env) {
      String v = System.getenv(source);
      if (v == null || v.isEmpty()) {
        throw JpodException.invalid("cannot create store secret data: environment variable " + source + " is not set");
      }
      return v.getBytes(StandardCharsets.UTF_8);
    }
    try {
      if (source.equals("-") || source.equals("/dev/stdin")) {
        // One byte past the limit is enough to refuse the data, however much is piped in.
        InputStream in = ctx.in();
        return in.readNBytes(SecretService.MAX_SIZE + 1);
      }
      return Files.readAllBytes(Path.of(source));
    } catch (NoSuchFileException e) {
      throw JpodException.notFound("open " + source + ": no such file or directory");
    } catch (IOException e) {
      throw JpodException.system("open " + source + ": " + e.getMessage(), e);
    }
  }

  /** pflag's stringToString: comma-separated KEY=VALUE pairs, each flag adding to the map. */
  static Map<String, String> options(List<String> values) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String v : values) {
      if (v.isEmpty()) {
        continue;
      }
      for (String kv : v.split(",")) {
        int eq = kv.indexOf('=');
        if (eq < 0) {
          throw JpodException.invalid("invalid argument \"" + v + "\" for \"--driver-opts\" flag: " + kv
              + " must be formatted as key=value");
        }
        m.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return m;
  }

  /** {@code --label KEY[=VALUE]}: a label without "=" has an empty value. */
  static Map<String, String> labels(List<String> values) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : values) {
      int eq = kv.indexOf('=');
      m.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
    }
    return m;
  }
}
