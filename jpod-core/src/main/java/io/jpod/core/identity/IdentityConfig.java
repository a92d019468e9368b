package io.jpod.core.identity;

import io.jpod.sys.IdMap;
import java.util.List;

/**
 * The container's user namespace mappings and passwd entry, fixed at create.
 *
 * @param usernsMode "" (the host's user namespace), "private" (its own, with the mappings), "auto"
 *     (its own, a range picked from /etc/subuid), "ns:PATH" or "container:ID" (joins that one)
 * @param uidMap the uid mappings (empty without a user namespace of its own)
 * @param gidMap the gid mappings
 * @param passwdEntry the {@code --passwd-entry} template, or null
 * @param noPasswd {@code --passwd=false}: leave /etc/passwd and /etc/group as the image has them
 * @param cgroupnsMode "" (podman's default: private on cgroup v2, host on v1), host, private or ns:PATH
 */
public record IdentityConfig(String usernsMode, List<IdMap> uidMap, List<IdMap> gidMap, String passwdEntry,
    boolean noPasswd, String cgroupnsMode) {

  public IdentityConfig(String usernsMode, List<IdMap> uidMap, List<IdMap> gidMap, String passwdEntry,
      boolean noPasswd) {
    this(usernsMode, uidMap, gidMap, passwdEntry, noPasswd, "");
  }

  public IdentityConfig {
    usernsMode = usernsMode == null ? "" : usernsMode;
    cgroupnsMode = cgroupnsMode == null ? "" : cgroupnsMode;
    uidMap = uidMap == null ? List.of() : List.copyOf(uidMap);
    gidMap = gidMap == null ? List.of() : List.copyOf(gidMap);
  }

  public static IdentityConfig none() {
    return new IdentityConfig("", List.of(), List.of(), null, false);
  }

  public IdentityConfig withCgroupns(String mode) {
    return new IdentityConfig(usernsMode, uidMap, gidMap, passwdEntry, noPasswd, mode);
  }

  /** Whether the container runs in a user namespace with mappings (its own or one it shares). */
  public boolean mapped() {
    return !uidMap.isEmpty();
  }

  /** The host uid of the container's root (0 without a user namespace). */
  public int rootUid() {
    return mapped() ? (int) Math.max(0, IdMap.toHost(uidMap, 0)) : 0;
  }

  /** The host gid of the container's root group. */
  public int rootGid() {
    return mapped() ? (int) Math.max(0, IdMap.toHost(gidMap, 0)) : 0;
  }

  /** The container id a "container:ID" mode joins, else null. */
  public String joinedContainer() {
    return usernsMode.startsWith("container:") ? usernsMode.substring("container:".length()) : null;
  }
}
