package io.jpod.core.identity;

import java.util.List;

/**
 * What the user asked for about who the container's processes are and what they are handed: the user
 * namespace ({@code --userns}, {@code --uidmap}, {@code --gidmap}, {@code --subuidname},
 * {@code --subgidname}), {@code --passwd-entry}/{@code --passwd} and the cgroup placement
 * ({@code --cgroup-parent}, {@code --cgroupns}, {@code --cgroups}), as typed; null means "not given".
 */
public record IdentityRequest(
    String userns,
    List<String> uidmap,
    List<String> gidmap,
    String subuidname,
    String subgidname,
    String passwdEntry,
    Boolean passwd,
    String cgroupParent,
    String cgroupns,
    String cgroups) {

  public IdentityRequest {
    uidmap = uidmap == null ? List.of() : List.copyOf(uidmap);
    gidmap = gidmap == null ? List.of() : List.copyOf(gidmap);
  }

  public static IdentityRequest none() {
    return new IdentityRequest(null, List.of(), List.of(), null, null, null, null, null, null, null);
  }
}
