package io.jpod.cli.volume;

import io.jpod.common.JpodException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jpod volume reload}: podman re-reads its volume plugins here. jpod has only the local driver,
 * so there is never a plugin volume to add or drop and, as podman without plugins, it prints nothing.
 */
@Command(name = "reload", description = "reload all volumes from volume plugins")
public final class VolumeReloadCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", hidden = true) List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    if (!args.isEmpty()) {
      throw JpodException.invalid("`jpod volume reload` takes no arguments");
    }
    return 0;
  }
}
