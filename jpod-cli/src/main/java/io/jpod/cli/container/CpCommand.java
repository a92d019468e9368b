package io.jpod.cli.container;

import io.jpod.cli.CliContext;
import io.jpod.common.JpodException;
import io.jpod.core.filesystem.ContainerCopy;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod cp [CONTAINER:]SRC [CONTAINER:]DEST}: copies files and directories between containers and
 * the host; "-" streams a tar archive from stdin or to stdout.
 */
@Command(name = "cp", description = "Copy files/folders between a container and the local filesystem")
public final class CpCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Option(names = {"-a", "--archive"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Chown copied files to the primary uid/gid of the destination container.") boolean archive;
  @Option(names = "--overwrite", description = "Allow to overwrite directories with non-directories and vice versa") boolean overwrite;
  @Parameters(arity = "0..*", paramLabel = "PATH") List<String> args = new ArrayList<>();

  public CpCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (args.size() != 2) {
      throw JpodException.invalid("accepts 2 arg(s), received " + args.size());
    }
    BufferedOutputStream out = new BufferedOutputStream(ctx.out(), 1 << 16);
    ctx.libpod().filesystem().copy().copy(args.get(0), args.get(1), new ContainerCopy.Options(archive, overwrite), ctx.in(), out);
    try {
      out.flush();
    } catch (IOException e) {
      throw JpodException.system("writing to stdout: " + e.getMessage(), e);
    }
    if (ctx.out().checkError()) {
      throw JpodException.system("writing the archive to stdout failed");
    }
    return 0;
  }
}
