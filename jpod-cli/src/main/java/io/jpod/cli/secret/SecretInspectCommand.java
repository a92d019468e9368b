package io.jpod.cli.secret;

import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.common.JpodException;
import io.jpod.core.secret.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod secret inspect}: the secrets found (JSON, a template each, or {@code --pretty}), then the
 * failures, the first as the command's error.
 */
@Command(name = "inspect", description = "Inspect a secret")
public final class SecretInspectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--format"}, description = "Format inspect output using Go template") String format;
  @Option(names = "--pretty", description = "Print inspect output in human-readable format") boolean pretty;
  @Parameters(arity = "0..*", paramLabel = "SECRET") List<String> names = new ArrayList<>();

  public SecretInspectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (names.isEmpty()) {
      throw JpodException.invalid("requires at least 1 arg(s), only received 0");
    }
    List<Secret> found = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String n : names) {
      try {
        found.add(ctx.libpod().secrets().lookup(n));
      } catch (JpodException e) {
        errors.add(e.getMessage());
      }
    }
    if (pretty) {
      found.forEach(s -> ctx.out().print(SecretViews.pretty(s)));
    } else {
      List<Object> docs = new ArrayList<>();
      found.forEach(s -> docs.add(SecretViews.inspect(s)));
      String text = Formats.formatEach(format, docs);
      ctx.out().print(text.endsWith("\n") ? text : text + "\n");
    }
    ctx.out().flush();
    if (errors.isEmpty()) {
      return 0;
    }
    for (String e : errors.subList(1, errors.size())) {
      ctx.err().println("error inspecting secret: " + e);
    }
    throw JpodException.notFound("inspecting secret: " + errors.getFirst());
  }
}
