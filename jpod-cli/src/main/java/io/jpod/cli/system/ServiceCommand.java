package io.jpod.cli.system;

import io.jpod.api.ApiService;
import io.jpod.api.ListenAddress;
import io.jpod.cli.CliContext;
import io.jpod.cli.VersionCommand;
import io.jpod.common.JpodException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod system service}: serves the Docker-compatible REST API until idle or signalled. */
@Command(name = "service", description = "Run API service")
public final class ServiceCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-t", "--time"}, description = "Time until the service session expires in seconds. Use 0 to disable the timeout",
      defaultValue = "5") long time;
  @Parameters(arity = "0..1", paramLabel = "URI") String uri;

  public ServiceCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (time < 0) {
      throw JpodException.invalid("--time must be 0 or more seconds");
    }
    // started by systemd's socket activation, the service serves on the socket it was given, as podman
    ListenAddress address = ListenAddress.activated(System.getenv(), ProcessHandle.current().pid())
        .orElseGet(() -> ListenAddress.parse(uri == null || uri.isEmpty() ? ListenAddress.DEFAULT : uri));
    ApiService.run(ctx.libpod(), new CliViews(ctx.libpod()), address, VersionCommand.PODMAN_API, Duration.ofSeconds(time), ctx.err());
    return 0;
  }
}
