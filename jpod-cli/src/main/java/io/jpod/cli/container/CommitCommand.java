package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.filesystem.ContainerCommit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod commit CONTAINER [IMAGE]}: an image from the container's changes. Like podman, the copy
 * progress goes to stderr and the new image's id to stdout ({@code -q}: only the id).
 */
@Command(name = "commit", description = "Create new image based on the changed container")
public final class CommitCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--author"}, description = "Set the author for the image committed") String author;
  @Option(names = {"-c", "--change"}, description = "Apply the following possible instructions to the created image: CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR") List<String> changes = new ArrayList<>();
  @Option(names = {"-f", "--format"}, defaultValue = "oci", description = "Format of the image manifest and metadata") String format;
  @Option(names = "--iidfile", description = "File to write the image ID to") String iidFile;
  @Option(names = "--include-volumes", description = "Include container volumes as image volumes") boolean includeVolumes;
  @Option(names = {"-m", "--message"}, description = "Set commit message for imported image") String message;
  @Option(names = {"-p", "--pause"}, arity = "0..1", fallbackValue = "true", description = "Pause container during commit") boolean pause;
  @Option(names = {"-q", "--quiet"}, description = "Suppress output") boolean quiet;
  @Option(names = {"-s", "--squash"}, description = "squash newly built layers into a single new layer") boolean squash;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER [IMAGE]") List<String> args = new ArrayList<>();

  public CommitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.isEmpty() || args.size() > 2) {
      throw JpodException.invalid("accepts between 1 and 2 arg(s), received " + args.size());
    }
    if (squash) {
      throw JpodException.invalid("--squash is not supported by jpod yet");
    }
    String image = args.size() == 2 ? args.get(1) : null;
    ContainerCommit.Result r = ctx.libpod().filesystem().commit()
        .commit(args.getFirst(), new ContainerCommit.Options(image, changes, message, author, pause, format));
    String id = r.image().id();
    if (!quiet) {
      ctx.err().println("Getting image source signatures");
      for (String diffId : r.diffIds()) {
        ctx.err().println("Copying blob " + diffId);
      }
      ctx.err().println("Copying config sha256:" + id);
      ctx.err().println("Writing manifest to image destination");
      ctx.err().println("Storing signatures");
    }
    if (iidFile != null) {
      try {
        Files.writeString(Path.of(iidFile), id);
      } catch (IOException e) {
        throw JpodException.system("failed to write image ID to file \"" + iidFile + "\": " + e.getMessage(), e);
      }
    }
    ctx.out().println(id);
    return 0;
  }
}
