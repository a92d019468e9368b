package io.jpod.image.archive;

import io.jpod.storage.GoArch;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An index entry's platform ({@code os}, {@code architecture}, optional {@code variant}) in the
 * spellings of the OCI image spec, and the rule for picking an entry from an index.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(String architecture, String os, String variant) {
  /** The platform jpod runs on, in Go's spelling ({@code amd64}, {@code arm64}, …). */
  public static Platform host() {
    return new Platform(GoArch.host(), "linux", null);
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
