package io.jpod.cli.volume;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jpod volume import VOLUME FILE|-}: unpacks a tar archive into the volume. */
@Command(name = "import", description = "Import a tarball contents into a volume")
public final class VolumeImportCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(arity = "0..*", paramLabel = "VOLUME SOURCE") List<String> args = new ArrayList<>();

  public VolumeImportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 2) {
      throw JpodException.invalid("accepts 2 arg(s), received " + args.size());
    }
    String name = args.get(0);
    String source = args.get(1);
    if (!ctx.libpod().volumes().exists(name)) {
      throw JpodException.notFound("no such volume " + name);
    }
    if (source.equals("-")) {
      ctx.libpod().volumes().importInto(name, new BufferedInputStream(ctx.in(), 1 << 16));
      return 0;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(source)), 1 << 16)) {
      ctx.libpod().volumes().importInto(name, in);
    } catch (NoSuchFileException e) {
      throw JpodException.invalid("open " + source + ": no such file or directory");
    } catch (IOException e) {
      throw JpodException.system("reading " + source + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
