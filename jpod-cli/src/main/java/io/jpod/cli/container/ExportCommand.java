package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.state.ContainerRecord;
import io.jpod.sys.Terminal;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jpod export}: the container's filesystem as a tar archive, to {@code -o FILE} or stdout. */
@Command(name = "export", description = "Export container's filesystem contents as a tar archive")
public final class ExportCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-o", "--output"}, description = "Write to a specified file (default: stdout, which must be redirected)") String output;
  @Parameters(arity = "0..*", paramLabel = "CONTAINER") List<String> args = new ArrayList<>();

  public ExportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 1) {
      throw JpodException.invalid("accepts 1 arg(s), received " + args.size());
    }
    if ((output == null || output.isEmpty()) && Terminal.isatty(1)) {
      throw JpodException.invalid("refusing to export to terminal. Use -o flag or redirect");
    }
    ContainerRecord rec = ctx.libpod().containers().get(args.getFirst());
    if (output == null || output.isEmpty()) {
      BufferedOutputStream out = new BufferedOutputStream(ctx.out(), 1 << 16);
      ctx.libpod().filesystem().export().export(rec, out);
      if (ctx.out().checkError()) {
        throw JpodException.system("writing the archive to stdout failed");
      }
      return 0;
    }
    Path file = Path.of(output);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      ctx.libpod().filesystem().export().export(rec, out);
    } catch (NoSuchFileException e) {
      throw JpodException.invalid("creating file \"" + output + "\": open " + output + ": no such file or directory");
    } catch (IOException e) {
      throw JpodException.system("creating file \"" + output + "\": " + e.getMessage(), e);
    }
    return 0;
  }
}
