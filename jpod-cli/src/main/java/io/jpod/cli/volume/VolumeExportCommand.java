package io.jpod.cli.volume;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.sys.Terminal;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod volume export}: the volume's content as a tar archive, to {@code -o FILE} or stdout. */
@Command(name = "export", description = "Export volumes")
public final class VolumeExportCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-o", "--output"}, description = "Write to a specified file (default: stdout, which must be redirected)") String output;
  @Parameters(arity = "0..*", paramLabel = "VOLUME") List<String> args = new ArrayList<>();

  public VolumeExportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 1) {
      throw JpodException.invalid("accepts 1 arg(s), received " + args.size());
    }
    String name = args.getFirst();
    ctx.libpod().volumes().get(name);
    if (output == null || output.isEmpty()) {
      if (Terminal.isatty(1)) {
        throw JpodException.invalid("cannot write to terminal, use command-line redirection or the --output flag");
      }
      BufferedOutputStream out = new BufferedOutputStream(ctx.out(), 1 << 16);
      ctx.libpod().volumes().export(name, out);
      if (ctx.out().checkError()) {
        throw JpodException.system("writing the archive to stdout failed");
      }
      return 0;
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(output)), 1 << 16)) {
      ctx.libpod().volumes().export(name, out);
    } catch (IOException e) {
      throw JpodException.system("creating file \"" + output + "\": " + e.getMessage(), e);
    }
    return 0;
  }
}
