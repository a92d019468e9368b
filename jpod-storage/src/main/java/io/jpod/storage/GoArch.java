package io.jpod.storage;

import java.util.Locale;

/** Architecture names as Go (and so OCI configs, indexes and podman) spell them. */
public final class GoArch {
  private GoArch() {}

  /** The GOARCH name of this machine ({@code amd64}, {@code arm64}, …). */
  public static String host() {
    String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    return switch (a) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> a;
    };
  }
}
