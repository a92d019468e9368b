package io.jpod.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.jpod.cli.CliContext;
import io.jpod.cli.format.Formats;
import io.jpod.common.JpodException;
import io.jpod.common.Json;
import io.jpod.image.registry.ImageReference;
import io.jpod.image.registry.RegistrySource;
import io.jpod.image.transport.RawManifest;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jpod manifest inspect IMAGE}: the manifest (or manifest list) a registry serves for a reference. */
@Command(name = "inspect", description = "Display the contents of a manifest list or image index")
public final class ManifestInspectCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin RegistryFlags registry;
  @Parameters(index = "0", paramLabel = "IMAGE") String image;

  public ManifestInspectCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    String ref = image.startsWith("docker://") ? image.substring("docker://".length()) : image;
    if (ImageReference.isShortName(ref)) {
      throw JpodException.invalid("manifest inspect needs a fully qualified reference (REGISTRY/NAME[:TAG])");
    }
    ImageReference r = ImageReference.parse(ref).withDefaultTag();
    RawManifest top;
    try (RegistrySource src = RegistrySource.open(registry.access(), r, null)) {
      top = src.topManifest();
    } catch (JpodException e) {
      throw new JpodException(e.kind(), "reading image \"" + r.transportName() + "\": " + e.getMessage(), e);
    }
    JsonNode tree = Json.mapper().readTree(top.bytes());
    ctx.out().print(Formats.toJson(tree));
    return 0;
  }
}
