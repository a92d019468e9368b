package io.jpod.cli.secret;

import io.jpod.cli.CliContext;
import io.jpod.cli.image.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jpod secret ls}: an ID / NAME / DRIVER / CREATED / UPDATED table, the header even when there are
 * no secrets; a plain {@code --format} has no header (and, as in podman 4.3.1, {@code json} is no keyword).
 */
@Command(name = "ls", aliases = "list", description = "List secrets")
public final class SecretLsCommand implements Callable<Integer> {
  private static final String ROW = "{{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.CreatedAt}}\t{{.UpdatedAt}}\n";
  private static final Map<String, String> HEADERS = Map.of("ID", "ID", "Name", "NAME", "Driver", "DRIVER",
      "CreatedAt", "CREATED", "UpdatedAt", "UPDATED");

  private final CliContext ctx;

  @Option(names = {"-f", "--filter"}, split = ",", description = "Filter secret output") List<String> filters = new ArrayList<>();
  @Option(names = "--format", description = "Format volume output using Go template") String format;
  @Option(names = "--noheading", description = "Do not print headers") boolean noHeading;
  @Option(names = {"-q", "--quiet"}, description = "Print secret IDs only") boolean quiet;

  public SecretLsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    var filter = SecretViews.filter(filters);
    var secrets = ctx.libpod().secrets().list().stream().filter(filter).toList();
    if (quiet) {
      secrets.forEach(s -> ctx.out().println(s.id()));
      return 0;
    }
    List<Object> rows = new ArrayList<>();
    secrets.forEach(s -> rows.add(SecretViews.row(s)));
    ctx.out().print(Report.render(format, ROW, HEADERS, rows, noHeading));
    return 0;
  }
}
