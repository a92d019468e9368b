package io.jpod.core.identity;

/**
 * What the user asked for about who the container's processes are and what they are handed: the user
 * namespace ({@code --userns}, {@code --uidmap}, {@code --gidmap}) and {@code --passwd-entry}, as typed.
 */
public record IdentityRequest() {

  public static IdentityRequest none() {
    return new IdentityRequest();
  }
}
