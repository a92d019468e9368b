package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import io.jpod.cli.image.Report;
import io.jpod.common.JpodException;
import io.jpod.core.network.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jpod network ls}: NETWORK ID, NAME, DRIVER as podman prints them. */
@Command(name = "ls", aliases = "list", description = "List networks")
public final class NetworkListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = "--format", description = "Pretty-print networks to JSON or using a Go template") String format;
  @Option(names = {"-f", "--filter"}, description = "Provide filter values (e.g. 'name=podman')") List<String> filters = new ArrayList<>();
  @Option(names = {"-q", "--quiet"}, description = "display only names") boolean quiet;
  @Option(names = "--no-trunc", description = "Do not truncate the network ID") boolean noTrunc;
  @Option(names = "--noheading", description = "Do not print headers") boolean noHeading;

  public NetworkListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<Network> nets = new ArrayList<>();
    for (Network n : ctx.engine().networks()) {
      if (matches(n)) {
        nets.add(n);
      }
    }
    if (quiet) {
      nets.forEach(n -> ctx.out().println(n.name()));
      return 0;
    }
    if (format != null && format.strip().equals("json")) {
      ctx.out().print(io.jpod.cli.format.Formats.toJsonIndent2(nets.stream().map(NetworkViews::inspect).toList()));
      return 0;
    }
    List<Object> rows = new ArrayList<>();
    nets.forEach(n -> rows.add(NetworkViews.row(n, noTrunc)));
    ctx.out().print(Report.render(io.jpod.cli.format.RowType.NETWORKS, format, "{{.ID}}\t{{.Name}}\t{{.Driver}}\n",
        Map.of("ID", "NETWORK ID", "Name", "NAME", "Driver", "DRIVER", "Labels", "LABELS",
            "NetworkInterface", "NETWORK INTERFACE", "Created", "CREATED", "Internal", "INTERNAL",
            "DNSEnabled", "DNS ENABLED", "IPv6Enabled", "IPV6 ENABLED"), rows, noHeading));
    return 0;
  }

  private boolean matches(Network n) {
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq < 0) {
        throw JpodException.invalid("invalid filter \"" + f + "\"");
      }
      String k = f.substring(0, eq);
      String v = f.substring(eq + 1);
      boolean ok = switch (k) {
        case "name" -> Pattern.compile(v).matcher(n.name()).find();
        case "id" -> n.id().startsWith(v);
        case "driver" -> n.driver().equals(v);
        case "label" -> {
          int e2 = v.indexOf('=');
          yield e2 < 0 ? n.labels().containsKey(v) : v.substring(e2 + 1).equals(n.labels().get(v.substring(0, e2)));
        }
        case "dangling" -> Boolean.parseBoolean(v) == ctx.libpod().networks().users(n).isEmpty();
        default -> throw JpodException.invalid("invalid filter \"" + k + "\"");
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
