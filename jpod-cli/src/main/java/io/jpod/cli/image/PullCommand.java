package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.core.transfer.ImagePuller;
import io.jpod.core.transfer.TransferOptions;
import io.jpod.storage.Image;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod pull}: copy images from a registry (or an archive) into local storage; prints their ids. */
@Command(name = "pull", description = "Pull an image from a registry")
public final class PullCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin RegistryFlags registry;
  @Mixin PlatformFlags platform;
  @Option(names = {"-a", "--all-tags"}, description = "All tagged images in the repository will be pulled") boolean allTags;
  @Option(names = {"-q", "--quiet"}, description = "Suppress output information when pulling images") boolean quiet;
  @Option(names = "--disable-content-trust", hidden = true, description = "This is a Docker specific option and is a NOOP") boolean contentTrust;
  @Parameters(arity = "1..*", paramLabel = "IMAGE") List<String> images;

  public PullCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (ctx.remote()) {
      for (String ref : images) {
        ctx.out().println(ctx.engine().pull(ref, registry.tlsVerify, quiet ? null : ctx.err()));
      }
      return 0;
    }
    TransferOptions o = registry.options(ctx, platform.platform(), quiet);
    ImagePuller puller = new ImagePuller(ctx.libpod());
    for (String ref : images) {
      for (Image image : puller.pull(ref, allTags, o)) {
        ctx.out().println(image.id());
      }
    }
    return 0;
  }
}
