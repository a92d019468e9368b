package io.jpod.image.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * An index entry's platform ({@code os}, {@code architecture}, optional {@code variant}) in the
 * spellings of the OCI image spec, and the rule for picking an entry from an index.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(String architecture, String os, String variant) {
  /** The platform jpod runs on, in Go's spelling ({@code amd64}, {@code arm64}, …). */
  public static Platform host() {
    String raw = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String arch = switch (raw) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> raw;
    };
    return new Platform(arch, "linux", null);
  }

  /**
   * Whether an index entry for {@code candidate} can run here. A wanted variant must match exactly;
   * without one any variant of the architecture is fine (the first entry then wins, as in podman).
   */
  public boolean accepts(Platform candidate) {
    if (candidate == null || !os.equals(candidate.os()) || !architecture.equals(candidate.architecture())) {
      return false;
    }
    return variant == null || candidate.variant() == null || variant.equals(candidate.variant());
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
