package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jpod create}: create but do not start a container. */
@Command(name = "create", description = "Create but do not start a container")
public final class CreateCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin CreateFlags flags;

  public CreateCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (ctx.remote()) {
      var spec = flags.toSpec(commandLine(ctx));
      pullRemotely(ctx, spec);
      ctx.out().println(flags.create(ctx, () -> ctx.engine().create(spec), id -> id));
      return 0;
    }
    var createCommand = commandLine(ctx);
    // pulled after validation (bad flags must not leave a pulled image behind)
    var spec = flags.pullImageIfNeeded(ctx, flags.toSpec(createCommand), createCommand);
    flags.checkSeccompPolicy(ctx, spec);
    io.jpod.common.Trace.mark("spec built");
    var rec = flags.create(ctx, () -> ctx.libpod().containers().create(spec), r -> r.config().id());
    ctx.out().println(rec.config().id());
    return 0;
  }

  /** The service pulls a missing image before create, printing its progress on stderr as podman does. */
  static void pullRemotely(CliContext ctx, io.jpod.core.container.ContainerSpec spec) {
    String image = spec.image().orElse(null);
    if (image != null && !ctx.engine().imageExists(image)) {
      ctx.engine().pull(image, null, ctx.err());
    }
  }

  static List<String> commandLine(CliContext ctx) {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("jpod.launcher", "jpod"));
    cmd.addAll(ctx.globals().argv());
    return cmd;
  }
}
