package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.storage.Image;
import io.jpod.storage.ImportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod import}: make an image from a root filesystem tarball (a file or {@code -}). */
@Command(name = "import", description = "Import a tarball to create a filesystem image")
public final class ImportCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-c", "--change"}, description = "Apply the following possible instructions to the created image") List<String> changes = new ArrayList<>();
  @Option(names = {"-m", "--message"}, description = "Set commit message for imported image") String message;
  @Option(names = {"-q", "--quiet"}, description = "Suppress output") boolean quiet;
  @Option(names = "--arch", description = "Set the architecture of the imported image") String arch;
  @Option(names = "--os", description = "Set the OS of the imported image") String os;
  @Parameters(index = "0", paramLabel = "PATH") String path;
  @Parameters(index = "1", arity = "0..1", paramLabel = "REFERENCE") String reference;

  public ImportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Image image;
    try (InputStream in = path.equals("-") ? ctx.in() : Files.newInputStream(Path.of(path))) {
      // podman dates an image imported from a file by the file's modification time, from stdin by now
      ImportOptions opts = new ImportOptions(changes, message, arch, os,
          path.equals("-") ? null : Files.getLastModifiedTime(Path.of(path)).toInstant());
      image = ctx.libpod().store().images().importRootfs(in, Optional.ofNullable(reference), opts);
    } catch (NoSuchFileException e) {
      throw JpodException.invalid("open " + path + ": no such file or directory");
    } catch (IOException e) {
      throw JpodException.system("importing " + path + ": " + e.getMessage(), e);
    }
    if (reference != null) {
      // podman 4 records an import only as the tag it gives the new image, named as the user wrote it
      ctx.libpod().events().write(new io.jpod.core.events.Event(null, image.id(), null, reference, "tag",
          java.time.Instant.now(), "image", null));
    }
    if (!quiet) {
      ctx.out().println("Getting image source signatures");
      ctx.out().println("Copying blob sha256:" + image.topLayer());
      ctx.out().println("Copying config sha256:" + image.id());
      ctx.out().println("Writing manifest to image destination");
      ctx.out().println("Storing signatures");
    }
    ctx.out().println("sha256:" + image.id());
    return 0;
  }
}
