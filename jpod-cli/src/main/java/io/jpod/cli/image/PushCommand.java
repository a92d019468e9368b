package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.transfer.ImagePusher;
import io.jpod.image.archive.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod push IMAGE [DESTINATION]}: copy a local image to a registry (or an archive transport). */
@Command(name = "push", description = "Push an image to a specified destination")
public final class PushCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin RegistryFlags registry;
  @Option(names = "--digestfile", description = "Write the digest of the pushed image to the specified file") String digestFile;
  @Option(names = {"-f", "--format"}, description = "Manifest type (oci, v2s2) to use in the destination (default is manifest type of source)") String format;
  @Option(names = {"-q", "--quiet"}, description = "Suppress output information when pushing images") boolean quiet;
  @Option(names = "--compress", description = "Compress tarball image layers when pushing to a directory using the 'dir' transport") boolean compress;
  @Option(names = "--remove-signatures", description = "Discard any pre-existing signatures in the image") boolean removeSignatures;
  @Option(names = "--disable-content-trust", hidden = true) boolean contentTrust;
  @Parameters(index = "0", paramLabel = "IMAGE") String image;
  @Parameters(index = "1", arity = "0..1", paramLabel = "DESTINATION") String destination;

  public PushCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImagePusher.ManifestFormat f = switch (format == null ? "" : format) {
      case "" -> null;
      case "oci" -> ImagePusher.ManifestFormat.OCI;
      case "v2s2", "docker" -> ImagePusher.ManifestFormat.V2S2;
      default -> throw JpodException.invalid("unknown format \"" + format + "\". Choose on of the supported formats: oci, v2s2");
    };
    String digest = new ImagePusher(ctx.libpod()).push(image, destination, f,
        registry.options(ctx, Platform.host(), quiet));
    if (digestFile != null) {
      try {
        Files.writeString(Path.of(digestFile), digest, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw JpodException.system("writing digest file " + digestFile + ": " + e.getMessage(), e);
      }
    }
    return 0;
  }
}
