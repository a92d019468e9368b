package io.jpod.core.identity;

/**
 * The container's user namespace mappings and passwd entry, fixed at create.
 */
public record IdentityConfig() {

  public static IdentityConfig none() {
    return new IdentityConfig();
  }
}
