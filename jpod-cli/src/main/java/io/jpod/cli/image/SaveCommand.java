package io.jpod.cli.image;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.transfer.ImageArchives;
import io.jpod.core.transfer.TransferOptions;
import io.jpod.image.archive.Platform;
import io.jpod.sys.Terminal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod save}: write images to a docker-archive, oci-archive or oci-dir (a file, a dir or stdout). */
@Command(name = "save", description = "Save image(s) to an archive")
public final class SaveCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-o", "--output"}, description = "Write to a specified file (default: stdout, which must be redirected)") String output;
  @Option(names = "--format", defaultValue = "docker-archive", description = "Save image to oci-archive, oci-dir (directory with oci manifest type), docker-archive (default \"docker-archive\")") String format;
  @Option(names = {"-m", "--multi-image-archive"}, description = "Interpret additional arguments as images not tags and create a multi-image-archive (only for docker-archive)") boolean multi;
  @Option(names = "--compress", description = "Compress tarball image layers when saving to a directory using the 'dir' transport. (default is same compression type as source)") boolean compress;
  @Option(names = "--uncompressed", description = "Accept uncompressed layers when copying OCI images") boolean uncompressed;
  @Option(names = {"-q", "--quiet"}, description = "Suppress the output") boolean quiet;
  @Parameters(arity = "1..*", paramLabel = "IMAGE") List<String> images;

  public SaveCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ImageArchives.Format f = ImageArchives.Format.parse(format);
    if (output == null && Terminal.isatty(1)) {
      throw JpodException.invalid("refusing to save to terminal. Use -o flag or redirect");
    }
    // podman gzips oci-archive layers unless --uncompressed; oci-dir keeps them as stored unless --compress.
    boolean gzip = f == ImageArchives.Format.OCI_ARCHIVE ? !uncompressed : compress;
    TransferOptions o = new RegistryFlags().options(ctx, Platform.host(), quiet || output == null);
    new ImageArchives(ctx.libpod()).save(images, f, multi, gzip, output == null ? null : Path.of(output),
        ctx.out(), o);
    ctx.out().flush();
    return 0;
  }
}
