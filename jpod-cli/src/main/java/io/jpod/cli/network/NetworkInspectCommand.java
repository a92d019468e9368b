package io.jpod.cli.network;

import io.jpod.cli.CliContext;
import io.jpod.cli.image.InspectOutput;
import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod network inspect NETWORK...}: the definitions as podman prints them. */
@Command(name = "inspect", description = "Displays the network configuration for one or more networks")
public final class NetworkInspectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-f", "--format"}, description = "Pretty-print network to JSON or using a Go template") String format;
  @Parameters(arity = "0..*", paramLabel = "NETWORK") List<String> args = new ArrayList<>();

  public NetworkInspectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw JpodException.invalid("requires at least 1 arg(s), only received 0");
    }
    List<Object> docs = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (String a : args) {
      var n = ctx.engine().findNetwork(a);
      if (n.isPresent()) {
        docs.add(NetworkViews.inspect(n.get()));
      } else {
        errors.add("network " + a + ": unable to find network with name or ID " + a + ": network not found");
      }
    }
    if (format != null && !format.isBlank() && !io.jpod.cli.format.Formats.isJson(format)) {
      List<Object> rows = new ArrayList<>();
      for (String a : args) {
        ctx.engine().findNetwork(a).ifPresent(n -> {
          var m = new java.util.LinkedHashMap<String, Object>(NetworkViews.row(n, true));
          m.putAll(NetworkViews.inspect(n));
          rows.add(m);
        });
      }
      InspectOutput.print(ctx, format, rows, errors);
    } else {
      InspectOutput.print(ctx, format, docs, errors);
    }
    return 0;
  }
}
