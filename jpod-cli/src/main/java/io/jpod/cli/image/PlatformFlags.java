package io.jpod.cli.image;

import io.jpod.common.JpodException;
import io.jpod.image.archive.Platform;
import picocli.CommandLine.Option;

/** {@code --platform OS/ARCH[/VARIANT]}, {@code --os}, {@code --arch}, {@code --variant}. */
public final class PlatformFlags {
  @Option(names = "--platform", description = "Specify the platform for selecting the image. (Conflicts with --arch and --os)")
  String platform;
  @Option(names = "--os", description = "Use `OS` instead of the running OS for choosing images") String os;
  @Option(names = "--arch", description = "Use `ARCH` instead of the architecture of the machine for choosing images") String arch;
  @Option(names = "--variant", description = "Use `VARIANT` instead of the running architecture variant for choosing images") String variant;

  public Platform platform() {
    Platform host = Platform.host();
    if (platform != null) {
      if (os != null || arch != null) {
        throw JpodException.invalid("--platform option can not be specified with --arch or --os");
      }
      String[] p = platform.split("/");
      if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty()) {
        throw JpodException.invalid("invalid platform syntax for --platform=\"" + platform
            + "\": use OS/ARCH[/VARIANT]");
      }
      return new Platform(p[1], p[0], p.length == 3 ? p[2] : variant);
    }
    if (os == null && arch == null && variant == null) {
      return host;
    }
    return new Platform(arch != null ? arch : host.architecture(), os != null ? os : host.os(),
        variant != null ? variant : arch == null ? host.variant() : null);
  }
}
